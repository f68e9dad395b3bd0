import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// In development the BFF runs separately (pnpm palisade serve); Vite forwards API calls to it.
export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { "/api": process.env.PALISADE_BFF ?? "http://127.0.0.1:7474" },
  },
  build: {
    outDir: "dist",
    sourcemap: true,
    // Monaco's editor chunk is large by nature; it loads only on the editor and wizard views.
    chunkSizeWarningLimit: 4096,
  },
});
