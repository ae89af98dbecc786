import { KeyRound, Package, ShieldCheck, Trash2 } from "lucide-react";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { env } from "@/lib/env";
import { SignInButton } from "./signin-client";

export const metadata = { title: "Sign in" };

const MESSAGES: Record<string, string> = {
  SessionExpired: "Your GitLab sign-in expired or was revoked. Sign in again to continue.",
  OAuthCallback: "GitLab did not complete the sign-in. Try again.",
  OAuthSignin:
    "Could not reach GitLab to start the sign-in. Check that GitLab is up and try again.",
  AccessDenied: "You declined access in GitLab, so the portal cannot show your packages.",
  Callback: "The sign-in could not be completed. Try again.",
  Default: "Sign-in failed. Try again.",
};

function safeCallback(url: string | undefined): string {
  // Only same-site paths: never bounce a user to another origin after sign-in.
  return url && url.startsWith("/") && !url.startsWith("//") ? url : "/packages";
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string; signedOut?: string }>;
}) {
  const { callbackUrl, error, signedOut } = await searchParams;
  const target = safeCallback(callbackUrl);
  if (!error && (await getCurrentUser())) redirect(target);
  const e = env();
  const message = error ? (MESSAGES[error] ?? MESSAGES.Default) : null;
  const host = new URL(e.gitlabUrl).host;

  return (
    <div className="w-full max-w-md rounded-xl border border-border bg-card p-6 shadow-sm sm:p-8">
      <div className="mb-6 flex items-center gap-3">
        <span className="grid size-10 place-items-center rounded-lg bg-primary text-primary-foreground">
          <Package className="size-5" aria-hidden />
        </span>
        <div>
          <h1 className="text-xl font-semibold">{e.instanceName}</h1>
          <p className="text-sm text-muted-foreground">
            The GitLab Package Registry, in one place.
          </p>
        </div>
      </div>
      {message ? (
        <p
          role="alert"
          className="mb-4 rounded-md border border-destructive/30 bg-destructive/10 px-3 py-2 text-sm text-destructive"
        >
          {message}
        </p>
      ) : null}
      {signedOut ? (
        <p
          role="status"
          className="mb-4 rounded-md border border-border bg-muted px-3 py-2 text-sm"
        >
          You are signed out. Your GitLab token for this portal was revoked.
        </p>
      ) : null}
      <SignInButton callbackUrl={target} host={host} />
      <div className="mt-6 space-y-3 text-sm text-muted-foreground">
        <p className="font-medium text-foreground">What the portal asks GitLab for</p>
        <ul className="space-y-2">
          <li className="flex gap-2">
            <KeyRound className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              <code className="font-mono text-foreground">read_user</code> — your name, username and
              avatar.
            </span>
          </li>
          <li className="flex gap-2">
            <Trash2 className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              <code className="font-mono text-foreground">api</code> — to list packages you can read
              and, where your role allows, to delete packages and files. Nothing is deleted unless
              you ask for it.
            </span>
          </li>
          <li className="flex gap-2">
            <ShieldCheck className="mt-0.5 size-4 shrink-0" aria-hidden />
            <span>
              Your GitLab token stays on the server, encrypted; it never reaches your browser.
              Signing out revokes it.
            </span>
          </li>
        </ul>
      </div>
    </div>
  );
}
