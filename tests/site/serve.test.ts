// The static server of `npm start` and `ftz report` (pipeline/site/serve.ts): it survives any request
// and a file that vanishes while it answers, and a path that names nothing gets a small page in both
// languages. Requests are written raw over a socket, since fetch() would clean up `//[` or `%ff`.

import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, utimes, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:net";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenAddress, resolveFile, serve } from "../../pipeline/site/serve.ts";

let dir: string;
let server: Server | import("node:http").Server;
let port: number;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "ftz-serve-"));
  await mkdir(join(dir, "zh"));
  await writeFile(join(dir, "zh", "index.html"), "<p>总览</p>");
  await writeFile(join(dir, "parks.html"), "<p>parks</p>");
  const started = await serve(dir, 0);
  server = started.server;
  port = Number(new URL(started.url).port);
});
afterAll(async () => {
  server.close();
  await rm(dir, { recursive: true, force: true });
});

/** Sends one request line as written and returns the status code (0 if the connection closed without one). */
function raw(target: string, method = "GET"): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, "127.0.0.1");
    let text = "";
    socket.on("data", (d) => (text += d));
    socket.on("error", reject);
    socket.on("close", () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.split("\r\n\r\n").slice(1).join("") }));
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
  });
}

describe("serve(dir)", () => {
  it("answers every hostile request with a status, and keeps serving", async () => {
    for (const target of ["//[", "/%ff", "/%E0%A4%A", "/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/%00", "/a%00.html", "http://x/[", "*", `/${"a".repeat(5000)}`]) {
      const r = await raw(target);
      expect([400, 404], target).toContain(r.status);
      expect(r.body).not.toContain("root:");
    }
    expect((await raw("/zh/?q=%ff#x")).status).toBe(200);
    expect((await raw("/parks")).status).toBe(200);
    expect((await raw("/")).status).toBe(302);
  });

  it("answers a path that names nothing with 404 and a page in both languages", async () => {
    const r = await raw("/zh/nothing-here");
    expect(r.status).toBe(404);
    expect(r.body).toContain("找不到页面");
    expect(r.body).toContain("Page not found");
    expect(r.body).toContain('href="/zh/"');
    expect((await raw("/zh/nothing-here", "HEAD")).status).toBe(404);
  });

  it("a file removed or replaced while pages are asked for is a 404 or the whole file, never a crash", async () => {
    const big = "x".repeat(1 << 20);
    const asks: Promise<{ status: number; body: string }>[] = [];
    for (let round = 0; round < 20; round++) {
      await writeFile(join(dir, "moving.html"), big);
      asks.push(raw("/moving"));
      await rm(join(dir, "moving.html"), { force: true });
      asks.push(raw("/moving"));
    }
    for (const r of await Promise.all(asks)) {
      expect([200, 404]).toContain(r.status);
      if (r.status === 200) expect(r.body.length).toBe(big.length);
    }
    expect((await raw("/parks")).status).toBe(200);
  });

  it("compresses a content-hashed file once: later answers reuse it until the file's size or time changes", async () => {
    await mkdir(join(dir, "_import"), { recursive: true });
    const file = join(dir, "_import", "app.1234abcd.js");
    const first = `export const a = "${"一".repeat(4000)}";\n`;
    const built = new Date("2026-11-27T00:00:00Z");
    await writeFile(file, first);
    await utimes(file, built, built);
    const ask = async () => {
      const r = await fetch(`http://127.0.0.1:${port}/_import/app.1234abcd.js`, { headers: { "accept-encoding": "gzip" } });
      return { encoding: r.headers.get("content-encoding"), immutable: r.headers.get("cache-control"), body: await r.text() };
    };
    expect(await ask()).toEqual({ encoding: "gzip", immutable: "public, max-age=31536000, immutable", body: first });
    // Same size and time, other bytes (never so under a hashed name): the compressed copy is what comes back.
    await writeFile(file, first.replace("a", "b"));
    await utimes(file, built, built);
    expect((await ask()).body).toBe(first);
    // A rebuild's file (another time): compressed anew.
    const later = new Date(built.getTime() + 5000);
    await utimes(file, later, later);
    expect((await ask()).body).toBe(first.replace("a", "b"));
  });

  it("resolveFile keeps every path inside the folder", () => {
    expect(resolveFile(dir, "/../../etc/passwd")).toBeUndefined();
    expect(resolveFile(dir, "/%2e%2e/%2e%2e/etc/passwd")).toBeUndefined();
    expect(resolveFile(dir, "/zh/")).toBe(join(dir, "zh", "index.html"));
  });
});

describe("the port npm start asks for", () => {
  it("PORT and HOST choose it (defaults 3000 and 127.0.0.1); a PORT that is not a port is one line", () => {
    expect(listenAddress({})).toEqual({ port: 3000, host: "127.0.0.1" });
    expect(listenAddress({ PORT: "8080", HOST: "0.0.0.0" })).toEqual({ port: 8080, host: "0.0.0.0" });
    expect(listenAddress({ PORT: "abc" })).toEqual({ problem: expect.stringContaining('PORT must be a whole number from 1 to 65535, got "abc"') });
    expect(listenAddress({ PORT: "70000" })).toHaveProperty("problem");
  });

  it("a busy port: serve.ts --check says so in one line naming the port and PORT=… npm start, exit 4", async () => {
    const busy = createServer();
    await new Promise<void>((r) => busy.listen(0, "127.0.0.1", r));
    const taken = (busy.address() as { port: number }).port;
    try {
      const r = await promisify(execFile)(process.execPath, ["--import", "tsx", "pipeline/site/serve.ts", "--check"], { env: { ...process.env, PORT: String(taken) } }).then(
        () => ({ code: 0, stderr: "" }),
        (e: { code: number; stderr: string }) => e,
      );
      expect(r.code).toBe(4);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`端口 ${taken}（127.0.0.1）已被占用`);
      expect(lines[0]).toContain(`port ${taken} on 127.0.0.1 is in use: choose another, e.g. PORT=${taken + 1} npm start`);
    } finally {
      busy.close();
    }
  });
});
