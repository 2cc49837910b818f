import { defineConfig, type Plugin, type Rollup } from 'vite';
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
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

/** One row of an area's route table (web/src/<area>/routes.ts): its path and the page module it imports. */
const ROUTE_ROW = /path: '([^']+)'.*page: preloadable\(\(\) => import\('([^']+)'\)\)/;

/**
 * Writes .vite/page-preloads.json (not served): for every page path of the route tables, the
 * scripts and styles its first load needs beyond index.html's (the area's shell and the page, with
 * the chunks they import). The server lists them in index.html as preloads (src/portal), so a
 * phone fetches them together with React instead of one round trip after another.
 */
function pagePreloads(): Plugin {
  return {
    name: 'lms-page-preloads',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
      const byModule = new Map(chunks.filter((c) => c.facadeModuleId).map((c) => [c.facadeModuleId!.replace(/\.tsx?$/, ''), c]));
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      /** A chunk with every chunk it imports (what the browser needs before running it). */
      const closure = (chunk: Rollup.OutputChunk, into = new Set<Rollup.OutputChunk>()) => {
        if (into.has(chunk)) return into;
        into.add(chunk);
        for (const file of chunk.imports) closure(byFile.get(file)!, into);
        return into;
      };
      const entry = chunks.find((c) => c.isEntry)!;
      const inIndexHtml = closure(entry);
      const routes: Array<{ path: string; scripts: string[]; styles: string[] }> = [];
      for (const id of this.getModuleIds()) {
        if (!/[\\/]web[\\/]src[\\/][a-z]+[\\/]routes\.ts$/.test(id)) continue;
        const areaDir = dirname(id);
        // Each area's directory has one shell, <Name>Area.tsx, which imports its route table.
        const area = [...byModule.entries()].find(([m]) => dirname(m) === areaDir && /Area$/.test(basename(m)))?.[1];
        if (!area) this.error(`no *Area.tsx chunk next to ${id}`);
        const rows = readFileSync(id, 'utf8').split('\n').filter((line) => line.includes('import('));
        for (const row of rows) {
          const match = ROUTE_ROW.exec(row);
          const page = match && byModule.get(join(areaDir, match[2]));
          if (!match || !page) this.error(`${id}: a route row this build cannot read: ${row.trim()}`);
          const needed = new Set([...closure(area), ...closure(page)].filter((c) => !inIndexHtml.has(c)));
          routes.push({
            path: match[1],
            scripts: [...needed].map((c) => c.fileName),
            styles: [...new Set([...needed].flatMap((c) => [...(c.viteMetadata?.importedCss ?? [])]))],
          });
        }
      }
      this.emitFile({ type: 'asset', fileName: '.vite/page-preloads.json', source: JSON.stringify(routes, null, 2) });
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
  plugins: [chunkReport(), pagePreloads()],
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
