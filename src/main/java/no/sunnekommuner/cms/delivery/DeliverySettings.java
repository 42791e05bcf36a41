package no.sunnekommuner.cms.delivery;

import com.google.common.collect.ImmutableList;
import java.time.ZoneId;
import no.sunnekommuner.cms.content.bootstrap.ImportLimits;
import no.sunnekommuner.cms.content.i18n.SiteLocales;

/**
 * The settings of the REST API, read from the configuration by the composition root ({@code server}) so that
 * delivery does not depend on it. Each field names its key in {@code sunne-kommuner-defaults.properties}.
 *
 * @param locales               {@code content.languages} and friends
 * @param baseUrl               {@code server.baseUrl}
 * @param linkBase              {@code delivery.linkBase} (default: the base URL)
 * @param timeZone              {@code delivery.timeZone}
 * @param cacheMaxBytes         {@code delivery.cache.maxMegabytes}
 * @param cacheControl          {@code delivery.cacheControl}
 * @param importLimits          {@code import.*}
 * @param feedDateProperty      {@code delivery.feed.dateProperty}
 * @param feedSummaryProperty   {@code delivery.feed.summaryProperty}
 * @param feedItemUrl           {@code delivery.feed.itemUrl}
 * @param corsOrigins           {@code delivery.cors.allowedOrigins}
 * @param authenticatedOrigins  {@code rest.cors.authenticatedOrigins}
 * @param maxJsonBodyBytes      {@code rest.maxJsonBodyKilobytes}: the largest JSON body of a nodes-API write
 * @param maxRenderedNodes      {@code rest.maxRenderedNodes}: the node budget of one delivery or nodes-API response
 */
public record DeliverySettings(SiteLocales locales, String baseUrl, String linkBase, ZoneId timeZone,
        long cacheMaxBytes, String cacheControl, ImportLimits importLimits, String feedDateProperty,
        String feedSummaryProperty, String feedItemUrl, ImmutableList<String> corsOrigins,
        ImmutableList<String> authenticatedOrigins, long maxJsonBodyBytes, int maxRenderedNodes) {
}
