import { describe, expect, it } from "vitest";
import { decodeProtobuf } from "./protobuf";

/** The body `kubectl auth can-i list globalnetworkpolicies.projectcalico.org` (v1.32) sends, as captured with -v=8. */
const CAN_I_LIST = [
  "6b 38 73 00 0a 32 0a 17 61 75 74 68 6f 72 69 7a 61 74 69 6f 6e 2e 6b 38 73 2e 69 6f 2f 76 31 12",
  "17 53 65 6c 66 53 75 62 6a 65 63 74 41 63 63 65 73 73 52 65 76 69 65 77 12 5f 0a 10 0a 00 12 00",
  "1a 00 22 00 2a 00 32 00 38 00 42 00 12 41 0a 3f 0a 07 64 65 66 61 75 6c 74 12 04 6c 69 73 74 1a",
  "11 70 72 6f 6a 65 63 74 63 61 6c 69 63 6f 2e 6f 72 67 22 00 2a 15 67 6c 6f 62 61 6c 6e 65 74 77",
  "6f 72 6b 70 6f 6c 69 63 69 65 73 32 00 3a 00 1a 08 08 00 12 00 1a 00 20 00 1a 00 22 00",
].join(" ");

const bytes = (hex: string) => Uint8Array.from(hex.split(" ").map((h) => Number.parseInt(h, 16)));

describe("decodeProtobuf", () => {
  it("decodes kubectl's SelfSubjectAccessReview", () => {
    expect(decodeProtobuf(bytes(CAN_I_LIST))).toEqual({
      apiVersion: "authorization.k8s.io/v1",
      kind: "SelfSubjectAccessReview",
      metadata: { name: "", generateName: "", namespace: "" },
      spec: {
        resourceAttributes: {
          namespace: "default",
          verb: "list",
          group: "projectcalico.org",
          version: "",
          resource: "globalnetworkpolicies",
          subresource: "",
          name: "",
        },
      },
    });
  });

  it("rejects a body without the k8s envelope, and kinds it does not know with 415", () => {
    expect(() => decodeProtobuf(bytes("01 02 03 04"))).toThrow(/envelope/);
    const pod = bytes("6b 38 73 00 0a 09 0a 02 76 31 12 03 50 6f 64 12 00");
    expect(() => decodeProtobuf(pod)).toThrow(expect.objectContaining({ code: 415 }));
  });
});
