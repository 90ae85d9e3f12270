package dev.fwpay;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The native library the jar of `make packages` carries: libfwpay and the libraries it needs
 * (libcurl, OpenSSL, jansson...) under JNA's resource prefix for the platform
 * ({@code linux-x86-64/}), named in {@code linux-x86-64/fwpay-native.list}. JNA extracts one
 * library from a jar, not the ones it needs, so they are all copied into one private folder,
 * where libfwpay finds the rest beside it ($ORIGIN). The folder is made under jna.tmpdir or
 * java.io.tmpdir and removed when the JVM exits.
 */
final class Bundled {
    private Bundled() {}

    /** The extracted libfwpay's path, or null when the jar carries none for this platform. */
    static String extract() {
        String prefix = com.sun.jna.Platform.RESOURCE_PREFIX;
        ClassLoader loader = Bundled.class.getClassLoader();
        try (InputStream list = loader.getResourceAsStream(prefix + "/fwpay-native.list")) {
            if (list == null) {
                return null;
            }
            List<String> names = new String(list.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(name -> !name.isEmpty()).toList();
            String parent = System.getProperty("jna.tmpdir", System.getProperty("java.io.tmpdir"));
            Path folder = Files.createTempDirectory(Path.of(parent), "fwpay-" + Version.STRING + "-");
            folder.toFile().deleteOnExit();
            for (String name : names) {
                if (name.contains("/") || name.startsWith(".")) {
                    throw new IOException("a bad name in " + prefix + "/fwpay-native.list: " + name);
                }
                Path target = folder.resolve(name);
                try (InputStream library = loader.getResourceAsStream(prefix + "/" + name)) {
                    if (library == null) {
                        throw new IOException(prefix + "/" + name + " is named in fwpay-native.list but not in the jar");
                    }
                    Files.copy(library, target, StandardCopyOption.REPLACE_EXISTING);
                }
                // Registered after the folder, so deleted before it (deleteOnExit runs in reverse).
                target.toFile().deleteOnExit();
            }
            return folder.resolve("libfwpay.so").toString();
        } catch (IOException e) {
            throw new UncheckedIOException("fwpay: the native library inside the jar could not be extracted", e);
        }
    }
}
