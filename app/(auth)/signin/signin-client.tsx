"use client";

import { LogIn } from "lucide-react";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Spinner } from "@/components/ui/spinner";

export function SignInButton({ callbackUrl, host }: { callbackUrl: string; host: string }) {
  const [pending, setPending] = useState(false);
  return (
    <Button
      size="lg"
      className="w-full"
      disabled={pending}
      onClick={() => {
        setPending(true);
        void signIn("gitlab", { callbackUrl });
      }}
    >
      {pending ? <Spinner className="size-4" /> : <LogIn className="size-4" aria-hidden />}
      Sign in with GitLab ({host})
    </Button>
  );
}
