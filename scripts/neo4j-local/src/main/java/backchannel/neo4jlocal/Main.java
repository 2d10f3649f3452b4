package backchannel.neo4jlocal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.neo4j.cli.AdminTool;
import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.io.ByteUnit;

import inet.ipaddr.IPAddressString;

/**
 * A Neo4j community server for local tests, run in-process from Maven Central
 * jars because this project cannot rely on Docker or on neo4j.com downloads.
 *
 * <pre>
 *   java -jar neo4j-local.jar [--dir DIR] [--port PORT] [--host HOST]   # server
 *   java -jar neo4j-local.jar admin ARGS...                              # neo4j-admin
 * </pre>
 *
 * Flags win over the env vars NEO4J_LOCAL_DIR / NEO4J_LOCAL_PORT /
 * NEO4J_LOCAL_HOST / NEO4J_LOCAL_PAGECACHE (e.g. "512m", "1g").
 */
public final class Main {
    /** scripts/neo4j-up.sh greps the log for this line to know Bolt is usable. */
    static final String READY_MARKER = "NEO4J_LOCAL_READY";

    /**
     * The procedures this server loads: what backchannel itself calls (load,
     * search, schema checks, server version) and what its Cypher console
     * allows (graph/neo4j/console.go, allowedProcedures). Neo4j applies the
     * list to procedures from plugins only (APOC and the like, should a jar
     * ever land on the classpath): the built-in dbms.* procedures stay, and
     * the console's plan check is what refuses them (Community has no
     * per-user procedure privileges). docs/neo4j.md lists the same settings
     * for a team's own Neo4j.
     */
    static final List<String> PROCEDURE_ALLOWLIST = List.of(
            "db.labels", "db.relationshipTypes", "db.propertyKeys",
            "db.schema.visualization", "db.schema.nodeTypeProperties", "db.schema.relTypeProperties",
            "db.index.fulltext.queryNodes", "db.index.fulltext.queryRelationships",
            "db.index.fulltext.listAvailableAnalyzers", "db.index.fulltext.awaitEventuallyConsistentIndexRefresh",
            "db.awaitIndexes", "db.awaitIndex", "db.ping", "db.info", "dbms.components");

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("admin")) {
            // Same classpath as the server, so `neo4j-admin database import full`
            // and friends need no separate distribution. AdminTool reads
            // NEO4J_HOME / NEO4J_CONF from the environment and calls System.exit.
            AdminTool.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }

        Path home = Path.of(env("NEO4J_LOCAL_DIR", "data"));
        String host = env("NEO4J_LOCAL_HOST", "127.0.0.1");
        int port = Integer.parseInt(env("NEO4J_LOCAL_PORT", "7687"));
        long pageCache = parseBytes(env("NEO4J_LOCAL_PAGECACHE", "512m"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--dir" -> home = Path.of(args[++i]);
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                default -> throw new IllegalArgumentException("unknown argument: " + args[i]);
            }
        }
        home = home.toAbsolutePath().normalize();
        Files.createDirectories(home);
        Path importRoot = home.resolve("import-disabled");
        Files.createDirectories(importRoot);

        // `home` is laid out like a NEO4J_HOME (data/databases, data/transactions,
        // logs/), so `admin database import full` with NEO4J_HOME=home writes
        // exactly where this server reads.
        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home);
        Path conf = home.resolve("conf/neo4j.conf");
        if (Files.isRegularFile(conf)) {
            // Optional escape hatch for ad-hoc tuning; the settings below still win.
            builder.loadPropertiesFromFile(conf);
        }
        DatabaseManagementService dbms = builder
                // Tests talk Bolt only; the embedded default is no connectors at all.
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.advertised_address, new SocketAddress(host, port))
                .setConfig(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED)
                .setConfig(HttpConnector.enabled, false)
                // Local throwaway server on loopback: drivers may send NoAuth or any
                // basic-auth credentials.
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                // Without this Neo4j sizes the page cache from total RAM (~half
                // of what is left after the heap), far too much for a shared box.
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                // Hardening (docs/neo4j.md, "A team server"): even a query
                // that got past the console's checks cannot read the host's
                // files (no file: URLs for LOAD CSV, and their root is an
                // empty folder) or fetch URLs (every address is blocked), and
                // no plugin procedure outside the allow-list is loaded.
                .setConfig(GraphDatabaseSettings.allow_file_urls, false)
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, importRoot)
                .setConfig(GraphDatabaseInternalSettings.cypher_ip_blocklist,
                        List.of(new IPAddressString("0.0.0.0/0"), new IPAddressString("::/0")))
                .setConfig(GraphDatabaseSettings.procedure_allowlist, PROCEDURE_ALLOWLIST)
                .build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // SIGTERM/SIGINT: flush and checkpoint so the store is clean on restart
            // (otherwise the next start spends time on recovery).
            System.out.println("neo4j-local: shutting down");
            dbms.shutdown();
            System.out.println("neo4j-local: stopped");
            stopped.countDown();
        }, "neo4j-local-shutdown"));

        // build() returns once the databases have started, but wait until the
        // default database is really available before announcing readiness.
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(120_000)) {
            System.err.println("neo4j-local: default database did not become available");
            System.exit(1);
        }
        String version = db.executeTransactionally(
                "CALL dbms.components() YIELD versions, edition RETURN versions[0] + ' ' + edition AS v",
                java.util.Map.of(), r -> r.next().get("v").toString());
        System.out.printf("%s neo4j %s bolt://%s:%d home=%s pagecache=%d%n",
                READY_MARKER, version, host, port, home, pageCache);
        System.out.flush();

        stopped.await();
    }

    private static String env(String name, String dflt) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? dflt : v.trim();
    }

    private static long parseBytes(String s) {
        String v = s.toLowerCase();
        char unit = v.charAt(v.length() - 1);
        if (Character.isDigit(unit)) {
            return Long.parseLong(v);
        }
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (unit) {
            case 'k' -> ByteUnit.kibiBytes(n);
            case 'm' -> ByteUnit.mebiBytes(n);
            case 'g' -> ByteUnit.gibiBytes(n);
            default -> throw new IllegalArgumentException("bad size: " + s);
        };
    }
}
