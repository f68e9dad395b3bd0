import { describe, expect, it } from "vitest";
import { EMPTY_FORM, formOf, formParams } from "./form";

describe("formParams", () => {
  it("sends nothing for empty fields, so the server detects the region and uses the catalog's defaults", () => {
    expect(formParams(EMPTY_FORM)).toEqual({});
  });

  it("trims what was typed, splits the master proxy list and orders the members", () => {
    expect(
      formParams({
        ...EMPTY_FORM,
        region: " eu-de ",
        podSubnet: "10.244.0.0/16",
        masterProxy: "172.21.0.1/32, 10.10.10.1/32",
        with: ["allow-public-services-pods", "allow-konnectivity"],
      }),
    ).toEqual({
      region: "eu-de",
      podSubnet: "10.244.0.0/16",
      masterProxy: ["172.21.0.1/32", "10.10.10.1/32"],
      with: ["allow-konnectivity", "allow-public-services-pods"],
    });
  });

  it("round-trips a set's recorded parameters", () => {
    const params = {
      region: "us-south",
      podSubnet: "172.30.0.0/16",
      masterProxy: ["172.21.0.1/32"],
      with: ["allow-vrrp-private"],
    };
    expect(formParams(formOf("private-isolation", params))).toEqual(params);
  });
});
