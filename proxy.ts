import { NextResponse, type NextRequest } from "next/server";
import { SESSION_COOKIES } from "@/lib/auth/cookies";

// Only redirects: a visitor without a session cookie goes to sign-in and comes back after.
// Whether the session is still valid is decided by the page itself (requireUser).

export function proxy(req: NextRequest) {
  const signedIn = SESSION_COOKIES.some((name) => req.cookies.has(name));
  if (signedIn) return NextResponse.next();
  const url = req.nextUrl.clone();
  url.pathname = "/signin";
  url.search = "";
  url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
}

export const config = {
  // Everything but the API, sign-in, Next's assets and public files.
  matcher: ["/((?!api|signin|_next|favicon.ico|.*\\.(?:png|svg|ico|jpg|webp|txt)$).*)"],
};
