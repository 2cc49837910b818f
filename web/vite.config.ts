import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

// The portal: built into dist/web, served by Nest (src/portal/serve-portal.ts).
// JSX goes through Vite 8's own Oxc transform (no React plugin needed for a production build).
export default defineConfig({
  root: here,
  base: '/',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // Hashed files live under /static/ (cached for a year); /assets/ belongs to the server's own pages.
    assetsDir: 'static',
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rolldownOptions: {
      // antd and antd-mobile in chunks named after them, so the bundle (and a test) shows who loads which.
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'antd-desktop', test: /[\\/]node_modules[\\/](antd|@ant-design)[\\/]/ },
            { name: 'antd-mobile', test: /[\\/]node_modules[\\/](antd-mobile|antd-mobile-icons)[\\/]/ },
          ],
        },
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
