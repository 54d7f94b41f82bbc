// A self-signed certificate for 127.0.0.1, made once and reused, so the app can trust it through
// NODE_EXTRA_CA_CERTS (the `auth0` SDK only speaks https).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import selfsigned from "selfsigned";

export type Certificate = { certPath: string; cert: string; key: string };

export async function ensureCertificate(dataDir: string, host = "127.0.0.1"): Promise<Certificate> {
  const certPath = path.join(dataDir, "cert.pem");
  const keyPath = path.join(dataDir, "key.pem");
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dataDir, { recursive: true });
    const pems = await selfsigned.generate([{ name: "commonName", value: host }], {
      notAfterDate: new Date(Date.now() + 825 * 24 * 3600 * 1000),
      keySize: 2048,
      algorithm: "sha256",
      extensions: [
        { name: "basicConstraints", cA: true },
        { name: "subjectAltName", altNames: [{ type: 7, ip: host }, { type: 2, value: "localhost" }] },
      ],
    });
    writeFileSync(keyPath, pems.private, { mode: 0o600 });
    writeFileSync(certPath, pems.cert);
  }
  return { certPath, cert: readFileSync(certPath, "utf8"), key: readFileSync(keyPath, "utf8") };
}

// `tsx e2e/auth0-emulator/certificate.ts` makes the certificate ahead of the first start.
if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  const { readEmulatorConfig } = await import("./config.ts");
  const { certPath } = await ensureCertificate(readEmulatorConfig().dataDir);
  console.log(certPath);
}
