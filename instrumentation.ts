// Runs once when the server starts: bad configuration stops it with a clear message, not a first failing request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("./lib/env");
    env();
  }
}
