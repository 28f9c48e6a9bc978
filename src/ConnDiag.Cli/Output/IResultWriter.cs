namespace ConnDiag.Cli.Output;

/// <summary>Renders a stream of results: a table or a JSON array, chosen once by --json.</summary>
internal interface IResultWriter<in T>
{
    void Begin();

    void Write(T item);

    /// <summary>Closes the document; also called after Ctrl+C so JSON output stays parseable.</summary>
    void End();
}
