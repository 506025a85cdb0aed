package org.urne.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import io.vertx.core.json.JsonObject;
import org.urne.ingest.http.OpenApiDocument;

/**
 * The OpenAPI document the server serves, as tests read it: its operations, the responses each declares, and its
 * schemas, which validate JSON with networknt's validator in the OpenAPI 3.1 dialect (JSON Schema 2020-12).
 */
final class OpenApiSchemas
{
    /** Where the validator files the document, so that its {@code $ref}s resolve within it. */
    private static final String BASE = "https://urne.invalid/openapi.json";
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    final JsonObject document;
    private final SchemaRegistry registry;

    OpenApiSchemas()
    {
        final String text = new String(OpenApiDocument.read(), StandardCharsets.UTF_8);
        document = new JsonObject(text);
        registry = SchemaRegistry.withDefaultDialect(Dialects.getOpenApi31(), builder -> builder.schemas(Map.of(BASE,
            text)));
    }

    /** Every operation of the document, as {@code "METHOD /path/{param}"}. */
    Set<String> operations()
    {
        final Set<String> operations = new LinkedHashSet<>();
        final JsonObject paths = document.getJsonObject("paths");
        for (final String path : paths.fieldNames())
        {
            for (final String key : paths.getJsonObject(path).fieldNames())
            {
                if (METHODS.contains(key))
                {
                    operations.add(key.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return operations;
    }

    /** The response an operation declares for a status, resolved, or null when it declares none. */
    JsonObject response(final String method, final String path, final int status)
    {
        final JsonObject item = document.getJsonObject("paths").getJsonObject(path);
        final JsonObject operation = item == null ? null : item.getJsonObject(method.toLowerCase(Locale.ROOT));
        if (operation == null)
        {
            return null;
        }
        return operation.getJsonObject("responses").getJsonObject(Integer.toString(status));
    }

    /** The validation errors of {@code json} against the schema at a JSON pointer of the document; empty when valid. */
    List<String> errorsAt(final String pointer, final String json)
    {
        final Schema schema = registry.getSchema(SchemaLocation.of(BASE + "#" + pointer));
        final List<String> messages = new ArrayList<>();
        for (final Error error : schema.validate(json, InputFormat.JSON))
        {
            messages.add(error.toString());
        }
        return messages;
    }

    /** The validation errors of {@code json} against {@code components/schemas/<name>}. */
    List<String> errors(final String name, final String json)
    {
        if (!document.getJsonObject("components").getJsonObject("schemas").containsKey(name))
        {
            throw new AssertionError("the OpenAPI document has no schema " + name);
        }
        return errorsAt("/components/schemas/" + name, json);
    }

    /** The JSON pointer of the schema a response declares for a media type, or null when it declares none. */
    static String schemaPointer(final String method, final String path, final int status, final String mediaType)
    {
        return "/paths/" + escape(path) + "/" + method.toLowerCase(Locale.ROOT) + "/responses/" + status
            + "/content/" + escape(mediaType) + "/schema";
    }

    private static String escape(final String token)
    {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** The names of the headers a response declares, lower case. */
    static Set<String> headers(final JsonObject response)
    {
        final Set<String> names = new LinkedHashSet<>();
        final JsonObject headers = response.getJsonObject("headers");
        if (headers != null)
        {
            final Iterator<String> iterator = headers.fieldNames().iterator();
            while (iterator.hasNext())
            {
                names.add(iterator.next().toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }
}
