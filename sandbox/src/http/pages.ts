// The few HTML pages the sandbox serves: sign-in form and OAuth error page.

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head><meta charset="utf-8"><title>${esc(title)} · GitLab Sandbox</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
body{font-family:system-ui,sans-serif;background:#fafafa;color:#333;display:flex;justify-content:center;padding-top:8vh}
main{background:#fff;border:1px solid #ddd;border-radius:8px;padding:2rem;width:22rem}
label{display:block;margin-top:1rem;font-weight:600}
input[type=text],input[type=password]{width:100%;padding:.5rem;margin-top:.25rem;box-sizing:border-box}
button{margin-top:1.5rem;width:100%;padding:.6rem;background:#1f75cb;color:#fff;border:0;border-radius:4px;font-size:1rem}
.error{background:#fdd;border:1px solid #d99;padding:.5rem;border-radius:4px}
.hint{font-size:.85rem;color:#666;margin-top:1rem}
</style></head>
<body><main>${body}</main></body></html>`;
}

export function signInPage(returnTo: string, error: string | null, login = ""): string {
  return layout(
    "Sign in",
    `<h1>GitLab Sandbox</h1>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/users/sign_in">
<input type="hidden" name="return_to" value="${esc(returnTo)}">
<label for="user_login">Username or primary email</label>
<input type="text" id="user_login" name="user[login]" autocomplete="username" value="${esc(login)}" required autofocus>
<label for="user_password">Password</label>
<input type="password" id="user_password" name="user[password]" autocomplete="current-password" required>
<button type="submit" name="commit">Sign in</button>
</form>
<p class="hint">Sandbox users: admin, owner, maintainer, developer, reporter, planner, guest, external, outsider — password <code>password</code>.</p>`,
  );
}

export function errorPage(title: string, description: string): string {
  return layout(
    title,
    `<h1>An error has occurred</h1><p class="error" role="alert">${esc(description)}</p>`,
  );
}
