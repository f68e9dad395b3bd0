/**
 * A throwaway PKI for one control plane: a CA, serving certificates for etcd and kube-apiserver, and the client
 * certificate kube-apiserver presents to etcd. ECDSA P-256 through WebCrypto keeps generation in-process (no openssl
 * on PATH needed) and fast enough to do on every start.
 */
// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata polyfill loaded first.
import "reflect-metadata";
import type { webcrypto } from "node:crypto";
import {
  BasicConstraintsExtension,
  cryptoProvider,
  ExtendedKeyUsage,
  ExtendedKeyUsageExtension,
  type JsonGeneralName,
  KeyUsageFlags,
  KeyUsagesExtension,
  PemConverter,
  SubjectAlternativeNameExtension,
  SubjectKeyIdentifierExtension,
  X509CertificateGenerator,
} from "@peculiar/x509";

cryptoProvider.set(globalThis.crypto);

const EC_ALGORITHM = { name: "ECDSA", namedCurve: "P-256" } as const;
const SIGNING_ALGORITHM = { name: "ECDSA", hash: "SHA-256" } as const;

export interface PemKeyPair {
  certPem: string;
  keyPem: string;
}

export interface ControlPlanePki {
  ca: PemKeyPair;
  /** Serves etcd's client port; 127.0.0.1 only. */
  etcdServer: PemKeyPair;
  /** kube-apiserver's identity towards etcd (etcd runs with client-cert-auth). */
  etcdClient: PemKeyPair;
  /** kube-apiserver's serving certificate, valid for loopback and the in-cluster service names. */
  apiServer: PemKeyPair;
  /** Signs service-account tokens (PKCS#8). */
  serviceAccountKeyPem: string;
  /** Verifies them (SPKI): kube-apiserver's --service-account-key-file reads public keys, not PKCS#8 private ones. */
  serviceAccountPublicKeyPem: string;
}

async function generateKeys(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(EC_ALGORITHM, true, ["sign", "verify"]);
}

async function privateKeyPem(key: webcrypto.CryptoKey): Promise<string> {
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", key);
  return PemConverter.encode(pkcs8, "PRIVATE KEY");
}

function validity(): { notBefore: Date; notAfter: Date } {
  // Back-date a little so a clock that differs by a few seconds between Node and Go does not reject a fresh cert.
  const now = Date.now();
  return { notBefore: new Date(now - 60 * 60 * 1000), notAfter: new Date(now + 7 * 24 * 60 * 60 * 1000) };
}

interface LeafSpec {
  commonName: string;
  organization?: string;
  usages: ExtendedKeyUsage[];
  dnsNames?: string[];
  ipAddresses?: string[];
}

async function issueLeaf(ca: { keys: webcrypto.CryptoKeyPair; subject: string }, spec: LeafSpec): Promise<PemKeyPair> {
  const keys = await generateKeys();
  const sans: JsonGeneralName[] = [
    ...(spec.dnsNames ?? []).map((value): JsonGeneralName => ({ type: "dns", value })),
    ...(spec.ipAddresses ?? []).map((value): JsonGeneralName => ({ type: "ip", value })),
  ];
  const subject = spec.organization ? `CN=${spec.commonName}, O=${spec.organization}` : `CN=${spec.commonName}`;
  const cert = await X509CertificateGenerator.create({
    subject,
    issuer: ca.subject,
    publicKey: keys.publicKey,
    signingKey: ca.keys.privateKey,
    signingAlgorithm: SIGNING_ALGORITHM,
    ...validity(),
    extensions: [
      new BasicConstraintsExtension(false, undefined, true),
      new KeyUsagesExtension(KeyUsageFlags.digitalSignature | KeyUsageFlags.keyEncipherment, true),
      new ExtendedKeyUsageExtension(spec.usages),
      ...(sans.length > 0 ? [new SubjectAlternativeNameExtension(sans)] : []),
    ],
  });
  return { certPem: cert.toString("pem"), keyPem: await privateKeyPem(keys.privateKey) };
}

export async function generatePki(): Promise<ControlPlanePki> {
  const caKeys = await generateKeys();
  const caSubject = "CN=palisade-test-ca";
  const caCert = await X509CertificateGenerator.createSelfSigned({
    name: caSubject,
    keys: caKeys,
    signingAlgorithm: SIGNING_ALGORITHM,
    ...validity(),
    extensions: [
      new BasicConstraintsExtension(true, 0, true),
      new KeyUsagesExtension(KeyUsageFlags.keyCertSign | KeyUsageFlags.cRLSign | KeyUsageFlags.digitalSignature, true),
      await SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const ca = { keys: caKeys, subject: caSubject };
  const loopback = { dnsNames: ["localhost"], ipAddresses: ["127.0.0.1"] };

  const [etcdServer, etcdClient, apiServer, serviceAccountKeys] = await Promise.all([
    issueLeaf(ca, { commonName: "etcd", usages: [ExtendedKeyUsage.serverAuth], ...loopback }),
    issueLeaf(ca, { commonName: "kube-apiserver-etcd-client", usages: [ExtendedKeyUsage.clientAuth] }),
    issueLeaf(ca, {
      commonName: "kube-apiserver",
      usages: [ExtendedKeyUsage.serverAuth],
      dnsNames: ["localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc"],
      ipAddresses: ["127.0.0.1"],
    }),
    generateKeys(),
  ]);

  return {
    ca: { certPem: caCert.toString("pem"), keyPem: await privateKeyPem(caKeys.privateKey) },
    etcdServer,
    etcdClient,
    apiServer,
    serviceAccountKeyPem: await privateKeyPem(serviceAccountKeys.privateKey),
    serviceAccountPublicKeyPem: PemConverter.encode(
      await crypto.subtle.exportKey("spki", serviceAccountKeys.publicKey),
      "PUBLIC KEY",
    ),
  };
}
