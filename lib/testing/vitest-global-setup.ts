// Makes the emulator's certificate before any worker starts, and has the workers trust it.
import path from "node:path";
import { ensureCertificate } from "../../e2e/auth0-emulator/certificate.ts";

export default async function setup() {
  const { certPath } = await ensureCertificate(path.resolve(".emulator"));
  process.env.NODE_EXTRA_CA_CERTS = certPath;
}
