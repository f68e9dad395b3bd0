import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { base64UrlNoPad, makeUniqueId, sha224, utf8 } from "./sha224";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

describe("sha224", () => {
  it("matches the FIPS 180-4 examples", () => {
    expect(hex(sha224(utf8("abc")))).toBe("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
    expect(hex(sha224(utf8("")))).toBe("d14a028c2a3a2bc9476102bb288234c415a2b01f828ea62ac5b3e42f");
    expect(hex(sha224(utf8("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")))).toBe(
      "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525",
    );
  });

  it("handles inputs across block boundaries (55, 56, 64 bytes)", () => {
    expect(hex(sha224(utf8("a".repeat(55))))).toBe("fb0bd626a70c28541dfa781bb5cc4d7d7f56622a58f01a0b1ddd646f");
    expect(hex(sha224(utf8("a".repeat(56))))).toBe("d40854fc9caf172067136f2e29e1380b14626bf6f0dd06779f820dcd");
    expect(hex(sha224(utf8("a".repeat(64))))).toBe("a88cd5cde6d6fe9136a4e58b49167461ea95d388ca2bdb7afdc3cbf4");
  });
});

describe("sha224 and utf8 against Node's own", () => {
  it("agree on random strings of every length around the block boundaries and beyond", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (s) => {
        expect([...utf8(s)]).toEqual([...new TextEncoder().encode(s)]);
        expect(hex(sha224(utf8(s)))).toBe(createHash("sha224").update(s, "utf8").digest("hex"));
      }),
      { numRuns: 2_000 },
    );
    for (let n = 0; n <= 200; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 255);
      expect(hex(sha224(bytes))).toBe(createHash("sha224").update(bytes).digest("hex"));
    }
  });
});

describe("utf8 and base64url", () => {
  it("encodes multi-byte characters as Go does", () => {
    expect([...utf8("é€😀")]).toEqual([0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80]);
  });
  it("uses the URL alphabet without padding", () => {
    expect(base64UrlNoPad(Uint8Array.from([0xfb, 0xff]))).toBe("-_8");
    expect(base64UrlNoPad(Uint8Array.from([1, 2, 3, 4]))).toBe("AQIDBA");
  });
  it("builds Calico's selector unique id", () => {
    expect(makeUniqueId("s", "all()")).toBe("s:5y5I3VdRZfDU01O--xXAPx2yxCQQqMf0M6IWug");
  });
  it("gives the same ids after its cache of ids has filled and been emptied", () => {
    const id = (content: string) => {
      const digest = createHash("sha224").update(`s:${content}`, "utf8").digest("base64url");
      return `s:${digest}`;
    };
    for (let i = 0; i < 25_000; i++) makeUniqueId("s", `app == "${i}"`);
    expect(makeUniqueId("s", 'app == "1"')).toBe(id('app == "1"'));
    expect(makeUniqueId("s", 'app == "24999"')).toBe(id('app == "24999"'));
    expect(makeUniqueId("x", 'app == "1"')).not.toBe(makeUniqueId("s", 'app == "1"'));
  });
});
