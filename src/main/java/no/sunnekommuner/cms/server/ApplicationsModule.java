package no.sunnekommuner.cms.server;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import no.sunnekommuner.cms.content.applications.ApplicationModel;
import no.sunnekommuner.cms.content.applications.DeclarationCheck;
import no.sunnekommuner.cms.content.applications.MembershipApplications;
import no.sunnekommuner.cms.delivery.intake.ApplicationIntakeServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;

/**
 * Membership applications: the domain service (for the editor's accept and decline) and the public intake
 * {@code POST /.rest/applications} for the website's form, from the {@code applications.*} settings. Absent when
 * the loaded modules lack the types of {@code applications/application-model.properties} or {@code applications.enabled=false}.
 */
final class ApplicationsModule implements WebModule {

    private final MembershipApplications applications;
    private final Settings settings;

    private ApplicationsModule(MembershipApplications applications, Settings settings) {
        this.applications = applications;
        this.settings = settings;
    }

    static Optional<ApplicationsModule> of(CmsRuntime runtime) {
        Settings settings = runtime.settings();
        ApplicationModel model = ApplicationModel.load();
        if (!settings.flag("applications.enabled")
                || runtime.definitions().contentType(model.applicationType()).isEmpty()
                || runtime.definitions().contentType(model.createdType()).isEmpty()) {
            return Optional.empty();
        }
        DeclarationCheck check = new DeclarationCheck(settings.integer("applications.maxDeclarationKilobytes")
                * 1024L);
        return Optional.of(new ApplicationsModule(new MembershipApplications(runtime.content(), model, check, Clock.systemUTC(), settings.editorTimeZone()), settings));
    }

    MembershipApplications applications() {
        return applications;
    }

    @Override
    public void register(ServletContextHandler context) {
        ServletHolder holder = new ServletHolder("applications", new ApplicationIntakeServlet(applications,
                settings.integer("applications.perAddressPerHour"), settings.integer("security.signIn.maxTracked"),
                settings.get("applications.intakeSecret", ""), Clock.systemUTC()));
        // an exact mapping: it wins over the REST servlet's /.rest/*
        context.addServlet(holder, ApplicationIntakeServlet.PATH);
    }

    @Override
    public List<String> announcedPaths() {
        return List.of();
    }
}
