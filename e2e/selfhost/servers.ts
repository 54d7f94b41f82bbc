// Servers a self-hosting check starts and stops itself (not Playwright's webServer), so that it can read
// their log lines and see how they end on SIGTERM.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { appEnvForEmulator } from "../auth0-emulator/app-env.ts";
import { E2E } from "../support/addresses.ts";

export const SECRET = "selfhost-secret-selfhost-secret-0000";

/** Ports for the servers behind the public address (E2E.appUrl); SELFHOST_PORT moves them. */
export const SELFHOST_PORT = Number(process.env.SELFHOST_PORT ?? 3650);

/** The app's environment against the e2e emulator, seen by browsers at E2E.appUrl. */
export function appEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { PATH, HOME, TMPDIR } = process.env;
  return {
    PATH,
    HOME,
    TMPDIR,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_MANUAL_SIG_HANDLE: "true",
    LOG_READ_INTERVAL_SECONDS: "0",
    DIRECTORY_REFRESH_INTERVAL_SECONDS: "0",
    ...appEnvForEmulator(E2E.emulator, E2E.certPath, SECRET),
    ...extra,
  };
}

export type LogLine = Record<string, unknown> & { msg?: string };

export class AppServer {
  readonly lines: string[] = [];
  private readonly exited: Promise<number | null>;

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    let partial = "";
    const collect = (chunk: Buffer) => {
      const text = partial + chunk.toString("utf8");
      const complete = text.split("\n");
      partial = complete.pop() ?? "";
      this.lines.push(...complete.filter(Boolean));
    };
    child.stdout!.on("data", collect);
    child.stderr!.on("data", collect);
    this.exited = new Promise((resolve) => child.once("exit", (code) => resolve(code)));
  }

  static start(name: string, command: string[], options: { cwd: string; port: number; env: NodeJS.ProcessEnv }): AppServer {
    const [file, ...args] = command;
    const child = spawn(file!, args, { cwd: options.cwd, env: { ...options.env, PORT: String(options.port), HOSTNAME: "127.0.0.1" }, stdio: ["ignore", "pipe", "pipe"] });
    return new AppServer(name, `http://127.0.0.1:${options.port}`, child);
  }

  /** Waits until `path` answers 200 (the server started and, for /api/ready, its dependencies answer). */
  async waitFor(path: string, timeoutMs = 90_000): Promise<Response> {
    const deadline = Date.now() + timeoutMs;
    let last = "no answer";
    while (Date.now() < deadline) {
      if (this.child.exitCode !== null) throw new Error(`${this.name} exited with ${this.child.exitCode}:\n${this.lines.join("\n")}`);
      try {
        const response = await fetch(`${this.url}${path}`);
        if (response.ok) return response;
        last = `${response.status} ${await response.text()}`;
      } catch (error) {
        last = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`${this.name}: ${path} did not answer 200 in time (last: ${last}):\n${this.lines.join("\n")}`);
  }

  /** The JSON log lines written so far (the server's own non-JSON lines, such as Next's banner, left out). */
  json(): LogLine[] {
    return this.lines.flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return parsed && typeof parsed === "object" ? [parsed as LogLine] : [];
      } catch {
        return [];
      }
    });
  }

  /** Sends SIGTERM and resolves with the exit code (null: killed after the limit). */
  async stop(timeoutMs = 45_000): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode;
    this.child.kill("SIGTERM");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }
}

/**
 * A reverse proxy at one address in front of several instances, configured as the README asks of one:
 * it passes the public host in X-Forwarded-Host (the backend sees its own address in Host),
 * X-Forwarded-Proto and -For, and an X-Request-Id. A request goes to the instance its `x-e2e-instance`
 * header names (so a test can choose), else to the next in turn; the answer says which in `x-e2e-served-by`.
 */
export async function startProxy(port: number, instances: Record<string, string>): Promise<{ close: () => Promise<void>; requestIds: Map<string, string[]> }> {
  const names = Object.keys(instances);
  const requestIds = new Map<string, string[]>(names.map((name) => [name, []]));
  let turn = 0;
  let counter = 0;
  const server: Server = createServer((incoming: IncomingMessage, outgoing) => {
    const asked = incoming.headers["x-e2e-instance"];
    const name = typeof asked === "string" && instances[asked] ? asked : names[turn++ % names.length]!;
    const target = new URL(instances[name]!);
    const requestId = `proxy-${++counter}`;
    requestIds.get(name)!.push(requestId);
    const headers = { ...incoming.headers };
    delete headers["x-e2e-instance"];
    const forwarded = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: {
          ...headers,
          host: target.host,
          "x-forwarded-host": incoming.headers.host ?? "",
          "x-forwarded-proto": "http",
          "x-forwarded-for": incoming.socket.remoteAddress ?? "",
          "x-request-id": requestId,
        },
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, { ...answer.headers, "x-e2e-served-by": name });
        answer.pipe(outgoing);
      },
    );
    forwarded.on("error", () => {
      if (!outgoing.headersSent) outgoing.writeHead(502);
      outgoing.end();
    });
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    requestIds,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
