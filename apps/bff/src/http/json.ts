import type { FastifyInstance } from "fastify";
import { HttpError } from "../errors";

/**
 * Request bodies are JSON, parsed with keys that could reach an object's prototype in a later merge (`__proto__`,
 * `constructor.prototype`) refused by name, and syntax errors reported with the parser's own words.
 */
export function registerJsonParser(app: FastifyInstance): void {
  app.removeContentTypeParser(["application/json", "text/plain"]);
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    try {
      done(null, parseJson(body as string));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
}

export function parseJson(text: string): unknown {
  if (text === "") throw new HttpError("BadRequest", "the body is empty; send a JSON object");
  try {
    return JSON.parse(text, refusePrototypeKeys);
  } catch (err) {
    if (err instanceof HttpError) throw err;
    throw new HttpError("BadRequest", `the body is not valid JSON: ${(err as Error).message}`);
  }
}

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (
    key === "__proto__" ||
    (key === "constructor" && typeof value === "object" && value !== null && "prototype" in value)
  ) {
    const name = key === "__proto__" ? key : "constructor.prototype";
    throw new HttpError("BadRequest", `the body has a "${name}" key, which is refused (prototype pollution)`, [
      { path: name, message: "not allowed" },
    ]);
  }
  return value;
}
