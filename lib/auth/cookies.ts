/** next-auth's session cookie names (plain and on HTTPS); presence only, never parsed here. */
export const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];
