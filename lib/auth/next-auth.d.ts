import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: { id: number; username: string; name: string; image: string | null };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    username?: string;
  }
}
