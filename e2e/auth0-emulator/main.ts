// The local Auth0 emulator: sign-in (OIDC) on plain http, Management API on https. `npm run emulator`.
import http from "node:http";
import https from "node:https";
import path from "node:path";
import { ensureCertificate } from "./certificate.ts";
import { readEmulatorConfig, type EmulatorConfig } from "./config.ts";
import { createContext, type EmulatorContext } from "./context.ts";
import { createControlsHandler } from "./controls.ts";
import { createCustomerAppsHandler, isCustomerAppPath } from "./customer-apps.ts";
import { createManagementHandler } from "./management/index.ts";
import { renderMailboxPage } from "./sign-in-pages.ts";
import { createSignInHandler } from "./sign-in.ts";
import { startSmtpSink } from "./smtp-sink.ts";

export type RunningEmulator = {
  context: EmulatorContext;
  certPath: string;
  signInUrl: string;
  apiUrl: string;
  /** The human page listing the emails the emulator "sent", and those the app sent through the SMTP sink. */
  mailboxUrl: string;
  /** `smtp://127.0.0.1:PORT` when the SMTP sink listens (EMULATOR_SMTP_PORT). */
  smtpUrl?: string;
  close: () => Promise<void>;
};

function listen(server: http.Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
}

const MAILBOX_PATH = "/mailbox";

export async function startEmulator(config: EmulatorConfig = readEmulatorConfig()): Promise<RunningEmulator> {
  const { certPath, cert, key } = await ensureCertificate(config.dataDir, config.host);
  const context = createContext(config);
  const controls = createControlsHandler(context);
  const signIn = await createSignInHandler(context);
  const management = createManagementHandler(context);
  const customerApps = createCustomerAppsHandler(context);

  const signInServer = http.createServer((req, res) => {
    if (req.url?.startsWith("/__emulator/")) return controls(req, res);
    const { pathname } = new URL(req.url ?? "/", context.signInIssuer);
    if (pathname === MAILBOX_PATH && req.method === "GET") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return void res.end(renderMailboxPage(context.tenant.state.mailbox));
    }
    if (isCustomerAppPath(pathname)) return customerApps(req, res);
    return signIn(req, res);
  });
  const apiServer = https.createServer({ cert, key }, (req, res) => {
    if (req.url?.startsWith("/__emulator/")) return controls(req, res);
    return management(req, res);
  });
  // Idle connections stay open until the client closes them. With Node's 5 s default, a client whose event
  // loop was busy (a test opening an embedded store in the same process) can send on a socket the server is
  // closing that very moment, and the request fails with ECONNRESET: a failure by chance, not by behaviour.
  for (const server of [signInServer, apiServer]) server.keepAliveTimeout = 0;
  await listen(signInServer, config.signInPort, config.host);
  await listen(apiServer, config.apiPort, config.host);
  const closeSink = config.smtpPort === undefined ? undefined : await startSmtpSink(context, config.host, config.smtpPort);

  const close = (server: http.Server) =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    context,
    certPath,
    signInUrl: context.signInIssuer,
    apiUrl: context.apiOrigin,
    mailboxUrl: new URL(MAILBOX_PATH, context.signInIssuer).toString(),
    ...(config.smtpPort !== undefined && { smtpUrl: `smtp://${config.host}:${config.smtpPort}` }),
    close: async () => {
      await Promise.all([close(signInServer), close(apiServer), closeSink?.()]);
    },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === new URL(import.meta.url).pathname) {
  const emulator = await startEmulator();
  const { rateLimits, latencyMs, faultSeed } = emulator.context.config;
  const limits = Object.entries(rateLimits)
    .map(([bucket, limit]) => `${bucket} ${limit ? `${limit.burst} burst, ${limit.perSecond}/s` : "off"}`)
    .join("; ");
  console.log(
    [
      "Auth0 emulator ready",
      `  sign-in (OIDC issuer):  ${emulator.signInUrl}`,
      `  Management API:         ${emulator.apiUrl}api/v2/`,
      `  certificate (trust it): NODE_EXTRA_CA_CERTS=${emulator.certPath}`,
      `  test controls:          ${emulator.signInUrl}__emulator/`,
      `  mailbox (for people):   ${emulator.mailboxUrl}`,
      ...(emulator.smtpUrl ? [`  SMTP sink (SMTP_URL):   ${emulator.smtpUrl}`] : []),
      `  rate limits:            ${limits}`,
      `  added latency:          ${latencyMs} ms${faultSeed === undefined ? "" : `; fault seed ${faultSeed}`}`,
    ].join("\n"),
  );
  const stop = () => void emulator.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
