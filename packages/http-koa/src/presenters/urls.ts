/** Where the server is reachable: the base of web_url, http_url_to_repo and ssh_url_to_repo. */
export interface Urls {
  /** e.g. http://localhost:8080, no trailing slash. */
  readonly external: string
  /** e.g. git@localhost: — what an ssh clone URL starts with. */
  readonly sshPrefix: string
}

export const urlsFor = (externalUrl: string): Urls => ({
  external: externalUrl.replace(/\/+$/, ""),
  sshPrefix: `git@${new URL(externalUrl).hostname}:`,
})
