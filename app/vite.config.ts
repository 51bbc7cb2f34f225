import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

// A static site: relative asset paths (served from any folder), config.json beside index.html
// (public/), the generated client imported from ../clients/ts/src; libsodium stubbed (src/stubs).
export default defineConfig({
  base: "./",
  resolve: { alias: { "libsodium-wrappers-sumo": fileURLToPath(new URL("./src/stubs/libsodium.js", import.meta.url)) } },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 3000 },
  server: { host: "127.0.0.1", fs: { allow: [".."] } },
});
