import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the BFF runs separately (pnpm palisade serve); Vite forwards API calls to it. The BFF refuses
// cross-origin writes (CSRF), so the proxied request is presented as coming from the BFF's own origin.
const bff = process.env.PALISADE_BFF ?? "http://127.0.0.1:7474";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": {
        target: bff,
        changeOrigin: true,
        configure: (proxy) => proxy.on("proxyReq", (req) => req.setHeader("origin", bff)),
      },
    },
  },
  build: {
    outDir: "dist",
    // The production build ships no source maps: they would serve the full sources to anyone.
    sourcemap: false,
    // Monaco's editor chunk is large by nature; it loads only on the editor and wizard views.
    chunkSizeWarningLimit: 4096,
  },
});
