"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { looksLikeToken, USERNAME_PATTERN } from "@/lib/snippets/model";

/**
 * A deploy token's username (gitlab+deploy-token-7) — not a secret, so it may be written into
 * the snippets. Anything that looks like a token is refused here as on the server. The parent
 * keys it by `value`, so a change from the URL starts a fresh draft.
 */
export function UsernameField({
  value,
  onCommit,
}: {
  value: string;
  onCommit: (value: string) => void;
}) {
  const [draft, setDraft] = useState(value);
  const id = useId();
  const trimmed = draft.trim();
  const error =
    trimmed && looksLikeToken(trimmed)
      ? "That looks like a token. Enter the token's username; the token itself stays in $DEPLOY_TOKEN."
      : trimmed && !USERNAME_PATTERN.test(trimmed)
        ? "Letters, digits and . _ + @ - only."
        : null;
  return (
    <form
      className="flex flex-col gap-1.5"
      onSubmit={(e) => {
        e.preventDefault();
        if (!error) onCommit(trimmed);
      }}
    >
      <Label htmlFor={id}>Deploy token username (optional)</Label>
      <div className="flex gap-2">
        <Input
          id={id}
          value={draft}
          placeholder="gitlab+deploy-token-7"
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={() => {
            if (!error && trimmed !== value) onCommit(trimmed);
          }}
          className="font-mono"
        />
        <Button type="submit" variant="outline" disabled={Boolean(error) || trimmed === value}>
          Apply
        </Button>
      </div>
      <p
        id={`${id}-hint`}
        className={error ? "text-xs text-destructive" : "text-xs text-muted-foreground"}
      >
        {error ??
          "Without it the snippets use ${DEPLOY_TOKEN_USERNAME}. The token itself is always ${DEPLOY_TOKEN}."}
      </p>
    </form>
  );
}
