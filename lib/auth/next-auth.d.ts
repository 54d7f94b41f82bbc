import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      email: string;
      name: string;
      orgId?: string;
      orgName?: string;
      /** This sign-in's own id: what support staff state for an organization holds for it alone. */
      sessionId?: string;
    };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    orgId?: string;
    orgName?: string;
    sessionId?: string;
  }
}
