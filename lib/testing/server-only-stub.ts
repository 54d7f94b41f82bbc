// Tests run outside Next.js; the real "server-only" package throws there.
export {};
