package no.sunnekommuner.cms.repository;

import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.jackrabbit.core.persistence.PMContext;
import org.apache.jackrabbit.core.persistence.pool.BundleDbPersistenceManager;
import org.apache.jackrabbit.core.util.db.ConnectionHelper;
import org.apache.jackrabbit.core.util.db.DbUtility;
import org.apache.jackrabbit.core.util.db.DerbyConnectionHelper;

/**
 * The embedded workspaces' bundle persistence: Jackrabbit's {@code pool.DerbyPersistenceManager}, with the same
 * defaults, parameters, tables and shutdown, except that Derby's five storage properties are written only where the
 * database holds another value. Jackrabbit's class writes all five at every start: five statements compiled and
 * five commits forced to disk per workspace database, 20-55 ms for each of the dozen databases a start opens
 * (reading them costs 6-20 ms; measured on a busy machine). The values stay in the database once written, so a
 * database made by either class is left exactly as the other leaves it.
 */
public class DerbyBundlePersistenceManager extends BundleDbPersistenceManager {

    private static final String EMBEDDED_DRIVER = DerbyConnectionHelper.DERBY_EMBEDDED_DRIVER;

    // Jackrabbit's defaults (pool.DerbyPersistenceManager)
    private int storageInitialPages = 16;
    private int storageMinimumRecordSize = 512;
    private int storagePageCacheSize = 1024;
    private int storagePageReservedSpace = 20;
    private int storagePageSize = 16384;

    public String getDerbyStorageInitialPages() {
        return String.valueOf(storageInitialPages);
    }

    public void setDerbyStorageInitialPages(String value) {
        storageInitialPages = Integer.decode(value);
    }

    public String getDerbyStorageMinimumRecordSize() {
        return String.valueOf(storageMinimumRecordSize);
    }

    public void setDerbyStorageMinimumRecordSize(String value) {
        storageMinimumRecordSize = Integer.decode(value);
    }

    public String getDerbyStoragePageCacheSize() {
        return String.valueOf(storagePageCacheSize);
    }

    public void setDerbyStoragePageCacheSize(String value) {
        storagePageCacheSize = Integer.decode(value);
    }

    public String getDerbyStoragePageReservedSpace() {
        return String.valueOf(storagePageReservedSpace);
    }

    public void setDerbyStoragePageReservedSpace(String value) {
        storagePageReservedSpace = Integer.decode(value);
    }

    public String getDerbyStoragePageSize() {
        return String.valueOf(storagePageSize);
    }

    public void setDerbyStoragePageSize(String value) {
        storagePageSize = Integer.decode(value);
    }

    @Override
    public void init(PMContext context) throws Exception {
        if (getDriver() == null) {
            setDriver(EMBEDDED_DRIVER);
        }
        if (getDatabaseType() == null) {
            setDatabaseType("derby");
        }
        if (getUrl() == null) {
            setUrl("jdbc:derby:" + context.getHomeDir().getPath() + "/db/itemState;create=true");
        }
        if (getSchemaObjectPrefix() == null) {
            setSchemaObjectPrefix("");
        }
        super.init(context);
        if (EMBEDDED_DRIVER.equals(getDriver())) {
            applyStorageProperties();
        }
    }

    /** The five properties, written where the database holds none or another value (a new database: all). */
    private void applyStorageProperties() throws Exception {
        for (Map.Entry<String, String> wanted : storageProperties().entrySet()) {
            String stored;
            ResultSet rs = conHelper.query("VALUES SYSCS_UTIL.SYSCS_GET_DATABASE_PROPERTY(?)", wanted.getKey());
            try {
                stored = rs.next() ? rs.getString(1) : null;
            } finally {
                DbUtility.close(rs);
            }
            if (!wanted.getValue().equals(stored)) {
                conHelper.exec("CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY(?, ?)", wanted.getKey(),
                        wanted.getValue());
            }
        }
    }

    private Map<String, String> storageProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("derby.storage.initialPages", String.valueOf(storageInitialPages));
        properties.put("derby.storage.minimumRecordSize", String.valueOf(storageMinimumRecordSize));
        properties.put("derby.storage.pageCacheSize", String.valueOf(storagePageCacheSize));
        properties.put("derby.storage.pageReservedSpace", String.valueOf(storagePageReservedSpace));
        properties.put("derby.storage.pageSize", String.valueOf(storagePageSize));
        return properties;
    }

    @Override
    protected ConnectionHelper createConnectionHelper(DataSource dataSource) throws Exception {
        return new DerbyConnectionHelper(dataSource, blockOnConnectionLoss);
    }

    @Override
    public int getStorageModel() {
        return SM_LONGLONG_KEYS;
    }

    @Override
    public void close() throws Exception {
        super.close();
        ((DerbyConnectionHelper) conHelper).shutDown(getDriver());
    }
}
