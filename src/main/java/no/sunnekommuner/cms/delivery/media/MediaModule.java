package no.sunnekommuner.cms.delivery.media;

import java.util.List;
import no.sunnekommuner.cms.content.ContentService;
import no.sunnekommuner.cms.content.media.AssetLibrary;
import no.sunnekommuner.cms.delivery.RequestUser;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * The media library on the web: Magnolia's {@code /dam/*} download links and {@code /.imaging/*} rendition links
 * (published assets, to everyone) and the upload endpoint {@code /.rest/assets/v1/*} (editors). Built by the
 * composition root.
 */
public final class MediaModule implements AutoCloseable {

    private final PublishedAssets assets;
    private final AssetLibrary library;
    private final RequestUser users;
    private final MediaDelivery settings;
    private final RenditionCache cache;

    public MediaModule(ContentService content, AssetLibrary library, RequestUser users, MediaDelivery settings) {
        this.assets = new PublishedAssets(content);
        this.library = library;
        this.users = users;
        this.settings = settings;
        this.cache = new RenditionCache(settings.cacheDir(), settings.renditionThreads(), 64);
    }

    public void register(ServletContextHandler context) {
        context.addServlet(new ServletHolder("dam", new DamServlet(assets, settings.cacheControl())), "/dam/*");
        ServletHolder imaging = new ServletHolder("imaging", new ImagingServlet(assets, settings, cache));
        imaging.setAsyncSupported(true);
        context.addServlet(imaging, "/.imaging/*");
        context.addServlet(new ServletHolder("asset-upload", new AssetUploadServlet(library, users,
                settings.maxBodyBytes())), "/.rest/assets/v1/*");
    }

    /** Renders asset references in delivery JSON (the composition root hands it to the delivery service). */
    public AssetJsonWriter assetReferences(ContentService content) {
        return new AssetJsonWriter(content, settings.theme());
    }

    public List<String> announcedPaths() {
        return List.of();
    }

    @Override
    public void close() {
        cache.close();
    }
}
