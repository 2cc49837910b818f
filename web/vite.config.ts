import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

/**
 * Writes .vite/chunks.json (not served): for every chunk, the packages its modules come from and
 * its size. The browser tests use it to prove that a student page loads no chunk holding antd.
 */
function chunkReport(): Plugin {
  return {
    name: 'lms-chunk-report',
    generateBundle(_options, bundle) {
      const chunks: Record<string, { packages: string[]; bytes: number }> = {};
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        const packages = new Set<string>();
        for (const id of out.moduleIds) {
          const m = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(id);
          packages.add(m ? m[1].replace('\\', '/') : 'web');
        }
        chunks[out.fileName] = { packages: [...packages].sort(), bytes: out.code.length };
      }
      this.emitFile({ type: 'asset', fileName: '.vite/chunks.json', source: JSON.stringify(chunks, null, 2) });
    },
  };
}

// The portal: built into dist/web, served by Nest (src/portal/serve-portal.ts).
// JSX goes through Vite 8's own Oxc transform (no React plugin needed for a production build).
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  plugins: [chunkReport()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Hashed files live under /static/ (cached for a year); /assets/ belongs to the server's own pages.
    assetsDir: 'static',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rolldownOptions: {
      output: {
        // React in a chunk of its own (every page needs it; cached across deployments that do not bump it).
        codeSplitting: { groups: [{ name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ }] },
      },
      // antd's modules start with "use client" (meaningless in a client bundle): not worth a warning each.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    // `npx vite --config web/vite.config.ts` next to a running app (npm start) for page work.
    proxy: { '/api': 'http://127.0.0.1:3000', '/media': 'http://127.0.0.1:3000' },
  },
});
