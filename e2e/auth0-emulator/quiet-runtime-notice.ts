// oidc-provider warns "Unsupported runtime" as it loads on any Node.js older than 22 LTS. The emulator runs
// on Node.js 20 in CI, so the warning only alarms a first-time user; this drops that one line. Imported
// before oidc-provider, whose check runs when its module is evaluated.
const UNSUPPORTED_RUNTIME = "oidc-provider WARNING: Unsupported runtime.";
const warn = console.warn.bind(console);
console.warn = (...parts: unknown[]) => {
  if (typeof parts[0] === "string" && parts[0].includes(UNSUPPORTED_RUNTIME)) return;
  warn(...parts);
};
