package org.examlab.harness.claims;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.regex.Pattern;

/**
 * The claims report's templates (REPORT.html, REPORT.md and the runs page) (resources next to this
 * class): Mustache escapes every {@code {{value}}} by default, HTML's way in REPORT.html and a
 * Markdown table's way in REPORT.md, so no field can go out unescaped by forgetting a call.
 */
final class ReportTemplates {
  private ReportTemplates() {}

  private static final String ROOT = "org/examlab/harness/claims/";
  private static final Mustache HTML =
      new DefaultMustacheFactory(ROOT).compile("report.html.mustache");
  private static final Mustache RUNS =
      new DefaultMustacheFactory(ROOT).compile("runs.html.mustache");
  private static final Mustache MARKDOWN = new MarkdownFactory().compile("report.md.mustache");

  static String html(Object view) {
    return render(HTML, view);
  }

  static String runs(Object view) {
    return render(RUNS, view);
  }

  static String markdown(Object view) {
    return render(MARKDOWN, view);
  }

  private static String render(Mustache template, Object view) {
    StringWriter out = new StringWriter();
    template.execute(out, view);
    return out.toString();
  }

  /**
   * Markdown's escaping: everything goes into one table cell or list line, so a pipe is escaped and
   * a line break becomes a space; angle brackets become entities (a renderer would otherwise pass
   * {@code <script>} through as HTML), and so does an ampersand that would start an entity. A lone
   * {@code &} stays readable in the source ("dropout & L2").
   */
  static final class MarkdownFactory extends DefaultMustacheFactory {
    private static final Pattern ENTITY_START = Pattern.compile("&(?=#?[A-Za-z0-9]+;)");

    MarkdownFactory() {
      super(ROOT);
    }

    static String escape(String value) {
      return ENTITY_START
          .matcher(value)
          .replaceAll("&amp;")
          .replace("<", "&lt;")
          .replace(">", "&gt;")
          .replace("|", "\\|")
          .replace("\r\n", " ")
          .replace('\n', ' ')
          .replace('\r', ' ');
    }

    @Override
    public void encode(String value, Writer writer) {
      try {
        writer.write(escape(value));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
