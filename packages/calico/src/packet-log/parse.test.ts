import { describe, expect, it } from "vitest";
import { parsePacketLog, parsePacketLogLine } from "./parse";

// rsyslog's traditional format, kernel timestamps on: iptables LOG with Felix's default prefix.
const IPTABLES =
  "Dec  7 21:04:11 kube-worker-1 kernel: [  812.517354] calico-packet: IN=eth1 OUT= MAC=06:2a:7c:11:4e:01:00:00:0c:9f:f0:01:08:00 SRC=203.0.113.7 DST=198.51.100.14 LEN=60 TOS=0x00 PREC=0x00 TTL=52 ID=4242 DF PROTO=TCP SPT=51234 DPT=22 WINDOW=64240 RES=0x00 SYN URGP=0";
// journalctl -k, nftables `log prefix "...: " level info` with a 3.32 template `%t %k %p` (longer than iptables keeps).
const NFTABLES =
  "Dec 07 21:05:02 kube-worker-2 kernel: calico-packet default np shop/allow-frontend-to-api: IN=cali8d2f0a1b3c4 OUT=cali1e5a7b9c0d2 MAC=ee:ee:ee:ee:ee:ee:62:d4:1c:0a:77:3e:08:00 SRC=172.30.10.17 DST=172.30.30.9 LEN=52 TOS=0x00 PREC=0x00 TTL=63 ID=0 DF PROTO=TCP SPT=40112 DPT=8080 WINDOW=502 RES=0x00 ACK URGP=0";
// dmesg, IPv6 ICMP.
const DMESG_V6 =
  "[ 1203.000001] calico-packet: IN=eth0 OUT= MAC=... SRC=fd00:10:244::5 DST=fd00:10:96::a LEN=104 TC=0 HOPLIMIT=64 FLOWLBL=327 PROTO=ICMPv6 TYPE=128 CODE=0 ID=7 SEQ=1";

describe("parsePacketLogLine", () => {
  it("reads an iptables LOG line from syslog: header, prefix, interfaces, addresses, ports and flags", () => {
    const r = parsePacketLogLine(IPTABLES, 1);
    expect(r).toEqual({
      ok: true,
      value: {
        line: 1,
        time: "Dec 7 21:04:11",
        host: "kube-worker-1",
        prefix: "calico-packet: ",
        truncated: false,
        dataplane: "iptables or nftables",
        policy: {},
        inInterface: "eth1",
        outInterface: "",
        src: "203.0.113.7",
        dst: "198.51.100.14",
        ipVersion: 4,
        protocol: "TCP",
        srcPort: 51234,
        dstPort: 22,
        flags: ["DF", "SYN"],
      },
    });
  });

  it("reads a 3.32 templated nftables prefix: tier, kind and namespace/name; too long for iptables", () => {
    const r = parsePacketLogLine(NFTABLES, 4, "calico-packet %t %k %p");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.policy).toEqual({
      tier: "default",
      kind: "NetworkPolicy",
      namespace: "shop",
      name: "allow-frontend-to-api",
    });
    expect(r.value.dataplane).toBe("nftables");
    expect(r.value).toMatchObject({ host: "kube-worker-2", inInterface: "cali8d2f0a1b3c4", dstPort: 8080 });
  });

  it("reads a templated prefix the iptables limit cut: whole fields, then the cut one marked partial", () => {
    // `calico-packet %k %n` for GlobalNetworkPolicy allow-public-ssh-from-office: 29 characters survive.
    const line = `Dec  7 21:06:00 w1 kernel: ${"calico-packet gnp allow-publi"}IN=eth1 OUT= SRC=1.2.3.4 DST=10.0.0.5 PROTO=TCP SPT=1 DPT=22`;
    const r = parsePacketLogLine(line, 1, "calico-packet %k %n");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.truncated).toBe(true);
    expect(r.value.policy).toEqual({ kind: "GlobalNetworkPolicy", name: "allow-publi", partial: "name" });
  });

  it("keeps the template's literal `%` before a specifier, as Felix renders `%%t`", () => {
    const line = "kernel: aXy9ep2-4%default gnp ep2-4: IN=eth0 OUT= SRC=1.2.3.4 DST=10.0.0.5 PROTO=UDP SPT=1 DPT=53";
    const r = parsePacketLogLine(line, 1, "aXy9%n%%t %k %p");
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.policy).toEqual({ tier: "default", kind: "GlobalNetworkPolicy", name: "ep2-4" });
  });

  it("reads dmesg's IPv6 ICMP with its type and code", () => {
    const r = parsePacketLogLine(DMESG_V6, 1);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value).toMatchObject({
      time: "1203.000001",
      ipVersion: 6,
      protocol: "ICMPv6",
      icmp: { type: 128, code: 0 },
    });
    expect(r.value.host).toBeUndefined();
  });

  it("says when the prefix is not the one the template renders", () => {
    const r = parsePacketLogLine(IPTABLES, 1, "calico-packet %k %n");
    expect(r.ok && r.value.policy).toBe(undefined);
  });
});

describe("parsePacketLog", () => {
  it("parses each non-blank line on its own and names each bad line and why", () => {
    const text = [
      IPTABLES,
      "",
      "Dec  7 21:04:12 kube-worker-1 systemd[1]: Started Session 3 of user root.",
      IPTABLES.replace("SRC=203.0.113.7", "SRC=203.0.113"),
      IPTABLES.replace(/ PROTO=TCP.*/, ""),
      IPTABLES.replace("DPT=22", "DPT=70000"),
      IPTABLES.replace("PROTO=TCP", "PROTO=BOGUS"),
    ].join("\n");
    const results = parsePacketLog(text);
    expect(results.map((r) => (r.ok ? `ok ${r.value.line}` : `${r.error.line}: ${r.error.message}`))).toEqual([
      "ok 1",
      "3: no IN= field: not a kernel packet log line (iptables LOG or nftables log)",
      "4: SRC=203.0.113 is not an IP address",
      "5: no PROTO= field: the line is cut short or not a packet log line",
      "6: DPT=70000 is not a port",
      "7: PROTO=BOGUS is not a protocol name or number",
    ]);
  });
});
