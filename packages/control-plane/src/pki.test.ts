import { createPrivateKey, X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePki } from "./pki.js";

describe("generatePki", () => {
  it("issues loopback serving and client certificates that chain to one CA", async () => {
    const pki = await generatePki();
    const ca = new X509Certificate(pki.ca.certPem);
    expect(ca.ca).toBe(true);
    for (const pair of [pki.etcdServer, pki.etcdClient, pki.apiServer]) {
      const cert = new X509Certificate(pair.certPem);
      expect(cert.checkIssued(ca)).toBe(true);
      expect(cert.verify(ca.publicKey)).toBe(true);
      expect(cert.ca).toBe(false);
      // The key file must hold the private half of the certificate's key, or Go's tls.X509KeyPair refuses it.
      expect(cert.checkPrivateKey(createPrivateKey(pair.keyPem))).toBe(true);
    }
    const apiServer = new X509Certificate(pki.apiServer.certPem);
    expect(apiServer.checkIP("127.0.0.1")).toBe("127.0.0.1");
    expect(apiServer.checkHost("kubernetes.default.svc")).toBe("kubernetes.default.svc");
    expect(createPrivateKey(pki.serviceAccountKeyPem).asymmetricKeyDetails?.namedCurve).toBe("prime256v1");
  });
});
