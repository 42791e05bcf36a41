package no.sunnekommuner.cms.server;

import com.google.common.html.HtmlEscapers;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.model.ContentQuery;
import no.sunnekommuner.cms.content.model.PublicationStatus;
import no.sunnekommuner.cms.delivery.RequestUser;
import no.sunnekommuner.cms.security.User;
import no.sunnekommuner.cms.definition.ContentTypeDefinition;
import no.sunnekommuner.cms.definition.DefinitionRegistry;
import no.sunnekommuner.cms.definition.DeliveryEndpointDefinition;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * A status page at {@code /status}: loaded definitions and content counts. Anyone sees the published counts (what
 * the delivery API shows anyway); a signed-in editor also sees drafts and the definition problems (which name
 * files on the server).
 */
public final class StatusModule implements WebModule {

    private final DefinitionRegistry definitions;
    private final ContentService content;
    private final RequestUser users;

    public StatusModule(DefinitionRegistry definitions, ContentService content, RequestUser users) {
        this.definitions = definitions;
        this.content = content;
        this.users = users;
    }

    @Override
    public void register(ServletContextHandler context) {
        context.addServlet(new ServletHolder("status", new StatusServlet()), "/status");
    }

    @Override
    public List<String> announcedPaths() {
        return List.of("/status");
    }

    private final class StatusServlet extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
            boolean editor = users.of(req).filter(User::canEdit).isPresent();
            resp.setContentType("text/html;charset=UTF-8");
            // the counts change with every publish, and editors' counts must not reach a shared cache
            resp.setHeader("Cache-Control", editor ? "private, no-store" : "no-cache");
            PrintWriter out = resp.getWriter();
            out.println("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sunne kommuner CMS"
                    + " status</title></head><body><main><h1>Sunne kommuner CMS</h1>");
            out.println("<h2>Content types</h2><table><tr><th>Type</th><th>Workspace</th><th>Node type</th>"
                    + "<th>Published</th>" + (editor ? "<th>Items (drafts included)</th>" : "") + "</tr>");
            for (ContentTypeDefinition type : definitions.contentTypes().values()) {
                long published = count(type, PublicationStatus.PUBLISHED) + count(type, PublicationStatus.MODIFIED);
                out.printf("<tr><td>%s</td><td>%s</td><td>%s</td><td>%d</td>%s</tr>%n", esc(type.name()),
                        esc(type.workspace()), esc(type.effectiveNodeType()), published,
                        editor ? "<td>" + content.list(ContentQuery.all(type.name(), 0, 1)).total() + "</td>" : "");
            }
            out.println("</table><h2>Apps</h2><ul>");
            definitions.apps().values().forEach(a -> out.printf("<li>%s (%s)</li>%n", esc(a.name()),
                    esc(String.valueOf(a.contentType()))));
            out.println("</ul><h2>Delivery endpoints</h2><ul>");
            for (DeliveryEndpointDefinition e : definitions.endpoints().values()) {
                out.printf("<li>/.rest/%s (workspace %s)</li>%n", esc(e.endpointPath()), esc(e.workspace()));
            }
            if (editor) {
                out.println("</ul><h2>Definition problems</h2><ul>");
                definitions.problems().forEach(p -> out.printf("<li>%s</li>%n", esc(p.toString())));
                out.println("</ul>");
            } else {
                out.printf("</ul><p>%d definition problems. Sign in to the editor to see drafts and problems.</p>%n",
                        definitions.problems().size());
            }
            out.println("</main></body></html>");
        }

        private long count(ContentTypeDefinition type, PublicationStatus status) {
            return content.list(new ContentQuery(type.name(), null, status, null, true, 0, 1)).total();
        }
    }

    private static String esc(String s) {
        return HtmlEscapers.htmlEscaper().escape(s);
    }
}
