import java.nio.file.Files;
import java.nio.file.Path;

/** Runs OrderFlow, then prints the libfwpay and libcurl this process mapped. */
public final class Mapped {
    public static void main(String[] arguments) throws Exception {
        OrderFlow.main(arguments);
        Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.trim().split("\\s+"))
                .filter(fields -> fields.length > 5 && fields[5].matches(".*lib(fwpay|curl).*"))
                .map(fields -> fields[5]).distinct()
                .forEach(file -> System.out.println("MAPPED " + file));
    }
}
