// A plain page for when there is no report to show (expired or tampered link, unknown report, not configured):
// one sentence a person can act on, never a stack trace.
import { pageStyle } from './style.ts';

export const renderPlainPage = (title: string, text: string): string =>
  `<!doctype html>${(
    (
      <html lang="en">
        <head>
          <meta charset="utf-8" />
          <meta name="viewport" content="width=device-width, initial-scale=1" />
          <meta name="robots" content="noindex" />
          <title>{title}</title>
          <style dangerouslySetInnerHTML={{ __html: pageStyle }} />
        </head>
        <body>
          <header>
            <p class="eyebrow">kube-responder</p>
          </header>
          <main>
            <h1>{title}</h1>
            <p>{text}</p>
          </main>
          <footer>
            <p>Report pages open only through the signed links in kube-responder's chat messages.</p>
          </footer>
        </body>
      </html>
    )
  ).toString()}`;
