/// <reference types="vite-plugin-pwa/vanillajs" />
/** Built by tools/scenarioPlugin.ts; typed where it is imported (src/scenarioCatalog.ts). */
declare module 'virtual:scenarios' {
  const catalog: unknown;
  export default catalog;
}

/** Built by tools/scenarioPlugin.ts from assets/manifest.json, validated at build time. */
declare module 'virtual:asset-manifest' {
  // An ambient module cannot import by relative path, so the type is named inline.
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports
  const manifest: import('./assets/manifest.ts').AssetManifest;
  export default manifest;
}
