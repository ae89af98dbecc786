"use client";

import { KeyRound } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { defaultExpiry } from "@/lib/validations/registry";
import { registryApi } from "./api";

export type CreatedToken = {
  id: number;
  name: string;
  username: string;
  scopes: string[];
  expires_at: string | null;
  token: string;
};

const SCOPE_CHOICES = {
  read: { label: "Read (pull only)", scopes: ["read_package_registry"] },
  write: {
    label: "Read and write (pull and publish)",
    scopes: ["read_package_registry", "write_package_registry"],
  },
} as const;

/** Create with least scope and a 90-day expiry; the value is shown once, here, and forgotten. */
export function DeployTokenCreateDialog({
  scope,
  scopeId,
  onCreated,
}: {
  scope: "project" | "group";
  scopeId: number;
  onCreated: () => void;
}) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [access, setAccess] = useState<keyof typeof SCOPE_CHOICES>("read");
  const [expires, setExpires] = useState(defaultExpiry());
  const [pending, setPending] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  function reset(o: boolean) {
    setOpen(o);
    if (!o) {
      setCreated(null); // the value leaves memory with the dialog
      setName("");
      setAccess("read");
      setExpires(defaultExpiry());
    }
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    try {
      const token = await registryApi<CreatedToken>(`/api/${scope}s/${scopeId}/deploy-tokens`, {
        method: "POST",
        json: { name, scopes: SCOPE_CHOICES[access].scopes, expires_at: expires || null },
      });
      setCreated(token);
      toast.success(`Deploy token “${token.name}” created`);
      onCreated();
    } catch (err) {
      toast.error("Deploy token not created", { description: (err as Error).message });
    } finally {
      setPending(false);
    }
  }

  const setupHref = created
    ? `/setup?type=npm&scope=${scope}&scope_id=${scopeId}&auth=deploy-token&username=${encodeURIComponent(created.username)}`
    : "";

  return (
    <Dialog open={open} onOpenChange={reset}>
      <DialogTrigger asChild>
        <Button size="sm">
          <KeyRound aria-hidden /> New deploy token
        </Button>
      </DialogTrigger>
      <DialogContent>
        {created ? (
          <>
            <DialogHeader>
              <DialogTitle>Copy the token now</DialogTitle>
              <DialogDescription>
                GitLab shows it once; the portal does not keep it. Store it as a masked CI/CD
                variable or in your password manager.
              </DialogDescription>
            </DialogHeader>
            <div className="space-y-2">
              <Label htmlFor="new-token-value">Token for {created.username}</Label>
              <div className="flex items-center gap-2">
                <Input id="new-token-value" readOnly value={created.token} className="font-mono" />
                <CopyButton value={created.token} label="Copy token" toastMessage="Token copied" />
              </div>
              <p className="text-xs text-muted-foreground">
                Username <code className="font-mono">{created.username}</code> · scopes{" "}
                {created.scopes.join(", ")} · expires {created.expires_at?.slice(0, 10) ?? "never"}
              </p>
            </div>
            <DialogFooter>
              <Button asChild variant="outline">
                <Link href={setupHref}>Set me up with this token</Link>
              </Button>
              <Button onClick={() => reset(false)}>Done</Button>
            </DialogFooter>
          </>
        ) : (
          <form onSubmit={submit} className="space-y-4">
            <DialogHeader>
              <DialogTitle>New deploy token</DialogTitle>
              <DialogDescription>
                For a consumer or a pipeline outside this {scope}. Give it the least it needs.
              </DialogDescription>
            </DialogHeader>
            <div className="grid gap-1.5">
              <Label htmlFor="token-name">Name</Label>
              <Input
                id="token-name"
                required
                value={name}
                onChange={(e) => setName(e.target.value)}
                placeholder="e.g. web-app CI pull"
              />
            </div>
            <fieldset className="grid gap-2">
              <legend className="mb-1 text-sm font-medium">Access</legend>
              {(Object.keys(SCOPE_CHOICES) as (keyof typeof SCOPE_CHOICES)[]).map((k) => (
                <label key={k} className="flex items-center gap-2 text-sm">
                  <input
                    type="radio"
                    name="token-access"
                    value={k}
                    checked={access === k}
                    onChange={() => setAccess(k)}
                    className="size-4 accent-primary"
                  />
                  {SCOPE_CHOICES[k].label}
                </label>
              ))}
            </fieldset>
            <div className="grid gap-1.5">
              <Label htmlFor="token-expiry">Expires on</Label>
              <Input
                id="token-expiry"
                type="date"
                value={expires}
                onChange={(e) => setExpires(e.target.value)}
              />
              <p className="text-xs text-muted-foreground">
                90 days by default. Leave it empty only if you will rotate it by hand.
              </p>
            </div>
            <DialogFooter>
              <Button type="button" variant="outline" onClick={() => reset(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={pending || !name.trim()}>
                {pending ? "Creating…" : "Create token"}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}
