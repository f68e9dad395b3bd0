import { existsSync } from "node:fs";
import fastifyStatic from "@fastify/static";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance } from "fastify";
import { errorHandler } from "./errors";
import type { PolicySource } from "./routes/policies";
import { policyRoutes } from "./routes/policies";

export interface AppOptions {
  readonly policies: PolicySource;
  /** The built SPA (apps/web/dist); served at / when present. */
  readonly webRoot?: string | undefined;
  readonly logger?: boolean;
}

/** Builds the Fastify instance without listening, so tests use `app.inject`. */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false }).withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler(errorHandler);
  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/readyz", async () => ({ status: "ready" }));
  await app.register(policyRoutes, { prefix: "/api/v1", source: options.policies });
  if (options.webRoot !== undefined && existsSync(options.webRoot)) {
    await app.register(fastifyStatic, { root: options.webRoot, wildcard: false });
    // Client-side routes fall back to the SPA's shell; unknown API paths stay 404s with the error body.
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith("/api/")) {
        void reply
          .status(404)
          .send({ statusCode: 404, code: "NotFound", message: `no route ${req.method} ${req.url}` });
        return;
      }
      void reply.sendFile("index.html");
    });
  }
  return app;
}
