/// <reference types="vite/client" />
declare module 'virtual:example-profile' {
  /** www/public/example.pb.gz, base64 */
  const base64: string;
  export default base64;
}
declare module 'virtual:example-scenario' {
  /** the files of www/public/example/ (the leak scenario), base64, by name */
  const files: Record<string, string>;
  export default files;
}
