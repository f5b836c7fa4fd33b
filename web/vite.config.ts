import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The build goes where the Go binary embeds it (internal/console). CI
// rebuilds it from the lockfile and fails when the committed files differ.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../internal/console/dist',
    emptyOutDir: true,
    // Every file the app needs is in the binary; nothing from a CDN.
    assetsInlineLimit: 0,
    sourcemap: false,
    reportCompressedSize: true,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
