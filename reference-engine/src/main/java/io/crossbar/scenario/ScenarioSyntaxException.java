package io.crossbar.scenario;

/**
 * A scenario file that does not parse: names the file, the line and what was expected there.
 */
public final class ScenarioSyntaxException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    public ScenarioSyntaxException(final String file, final int line, final String message)
    {
        super(file + ":" + line + ": " + message);
        this.file = file;
        this.line = line;
    }

    public String file()
    {
        return file;
    }

    public int line()
    {
        return line;
    }
}
