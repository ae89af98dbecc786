// A signed-in browser session without a browser: drives next-auth's OAuth flow against the
// sandbox over plain HTTP with a cookie jar per origin (the same steps e2e/auth.setup.ts clicks
// through), and returns the portal's Cookie header.

type Jar = Map<string, string>;

function absorb(jar: Jar, res: Response) {
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(";");
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") jar.delete(name);
    else jar.set(name, value);
  }
}

const header = (jar: Jar) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

async function step(jar: Jar, url: string, init: RequestInit = {}): Promise<Response> {
  const res = await fetch(url, {
    ...init,
    redirect: "manual",
    headers: { ...(init.headers as Record<string, string>), cookie: header(jar) },
  });
  absorb(jar, res);
  return res;
}

/** Signs `login` in through the sandbox's OAuth sign-in form; returns the portal Cookie header. */
export async function signIn(portalUrl: string, login: string): Promise<string> {
  const portal: Jar = new Map();
  const gitlab: Jar = new Map();
  const csrf = (await (await step(portal, `${portalUrl}/api/auth/csrf`)).json()) as {
    csrfToken: string;
  };
  const start = await step(portal, `${portalUrl}/api/auth/signin/gitlab`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl: `${portalUrl}/` }),
  });
  let location = start.headers.get("location");
  if (!location) throw new Error(`sign-in did not redirect (${start.status})`);
  // GitLab side: authorize → sign-in form → authorize again → back to the portal's callback.
  for (let hops = 0; hops < 10 && location && !location.startsWith(portalUrl); hops++) {
    const url: URL = new URL(location, location.startsWith("http") ? undefined : portalUrl);
    if (url.pathname === "/users/sign_in") {
      const res = await step(gitlab, `${url.origin}/users/sign_in`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          "user[login]": login,
          "user[password]": "password",
          return_to: url.searchParams.get("return_to") ?? "/",
        }),
      });
      const next = res.headers.get("location");
      location = next ? new URL(next, url.origin).toString() : null;
    } else {
      const res = await step(gitlab, url.toString());
      const next = res.headers.get("location");
      location = next ? new URL(next, url.origin).toString() : null;
    }
  }
  if (!location?.startsWith(portalUrl)) throw new Error(`OAuth flow ended at ${location}`);
  await step(portal, location);
  if (![...portal.keys()].some((k) => k.includes("session-token")))
    throw new Error(`no session cookie for ${login}`);
  return header(portal);
}
