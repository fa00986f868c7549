/** Built by tools/scenarioPlugin.ts; typed where it is imported (src/scenarioCatalog.ts). */
declare module 'virtual:scenarios' {
  const catalog: unknown;
  export default catalog;
}
