/// <reference types="vite/client" />
declare module 'virtual:example-profile' {
  /** www/public/example.pb.gz, base64 */
  const base64: string;
  export default base64;
}
