using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ConnDiag.Tls;

/// <summary>
/// Reads certificates from PEM (one or more CERTIFICATE blocks) or DER files, with a size and count cap, and
/// errors that name the file and say what it holds instead. Used for offline chains and for CA bundles.
/// </summary>
public static class CertificateFile
{
    /// <summary>Larger than any real chain or CA bundle (Mozilla's whole bundle is about 220 KB).</summary>
    public const int MaxFileBytes = 4 * 1024 * 1024;

    /// <summary>More certificates than that in one file is not a chain or a bundle anyone uses.</summary>
    public const int MaxCertificates = 1000;

    /// <summary>File name endings taken from a directory; other files (keys, notes) are left alone.</summary>
    public static readonly IReadOnlyList<string> Extensions = [".pem", ".crt", ".cer", ".cert", ".der"];

    private const string PemCertificateLabel = "-----BEGIN CERTIFICATE-----";

    /// <summary>Every certificate in the file, in file order.</summary>
    public static IReadOnlyList<X509Certificate2> ReadAll(string path)
    {
        var bytes = ReadBytes(path);
        if (bytes.Length == 0) throw new CertificateFileException(path, "the file is empty");
        var text = LooksLikeText(bytes) ? Encoding.ASCII.GetString(bytes) : null;
        if (text is not null && text.Contains("-----BEGIN ", StringComparison.Ordinal))
        {
            return ReadPem(path, text);
        }
        return [ReadDer(path, bytes)];
    }

    /// <summary>
    /// The certificates of a chain file with the leaf first: the certificate that issued none of the others
    /// (files written root-first, or in any order, still work); among several candidates the first in the file.
    /// </summary>
    public static IReadOnlyList<X509Certificate2> ReadChain(string path)
    {
        var all = ReadAll(path);
        if (all.Count == 1) return all;
        var leaf = all.FirstOrDefault(c => !all.Any(o => !ReferenceEquals(o, c) && o.IssuerName.RawData.AsSpan().SequenceEqual(c.SubjectName.RawData))) ?? all[0];
        return [leaf, .. all.Where(c => !ReferenceEquals(c, leaf))];
    }

    /// <summary>The chain files a path names: the file itself, or a directory's certificate files sorted by name.</summary>
    public static IReadOnlyList<string> Expand(string path)
    {
        if (File.Exists(path)) return [path];
        if (!Directory.Exists(path)) throw new CertificateFileException(path, "no such file or directory");
        List<string> files;
        try
        {
            files = Directory.EnumerateFiles(path)
                .Where(f => Extensions.Contains(System.IO.Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CertificateFileException(path, "cannot list the directory: " + ex.Message);
        }
        if (files.Count == 0)
        {
            throw new CertificateFileException(path, $"the directory has no certificate files ({string.Join(", ", Extensions.Select(e => "*" + e))})");
        }
        return files;
    }

    private static byte[] ReadBytes(string path)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > MaxFileBytes) throw TooLarge(path);
            var buffer = new byte[MaxFileBytes + 1];
            var total = 0;
            int n;
            while (total < buffer.Length && (n = stream.Read(buffer, total, buffer.Length - total)) > 0) total += n;
            if (total > MaxFileBytes) throw TooLarge(path);
            return buffer[..total];
        }
        catch (FileNotFoundException) { throw new CertificateFileException(path, "no such file"); }
        catch (DirectoryNotFoundException) { throw new CertificateFileException(path, "no such file or directory"); }
        catch (UnauthorizedAccessException) { throw new CertificateFileException(path, "permission denied (or it is a directory)"); }
        catch (IOException ex) { throw new CertificateFileException(path, "cannot read it: " + ex.Message); }
    }

    private static CertificateFileException TooLarge(string path) =>
        new(path, $"larger than {(MaxFileBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB; a certificate file is a few KB");

    private static List<X509Certificate2> ReadPem(string path, string text)
    {
        var result = new List<X509Certificate2>();
        var labels = new List<string>();
        var rest = text.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            var label = rest[fields.Label].ToString();
            if (label == "CERTIFICATE" || label == "TRUSTED CERTIFICATE")
            {
                if (result.Count >= MaxCertificates)
                {
                    throw new CertificateFileException(path, $"more than {MaxCertificates.ToString(CultureInfo.InvariantCulture)} certificates");
                }
                var der = Convert.FromBase64String(rest[fields.Base64Data].ToString());
                result.Add(ParseDer(path, der, $"PEM block {(result.Count + 1).ToString(CultureInfo.InvariantCulture)}"));
            }
            else
            {
                labels.Add(label);
            }
            rest = rest[fields.Location.End..];
        }
        if (result.Count == 0)
        {
            var found = labels.Count == 0 ? "no complete PEM block" : "only " + string.Join(", ", labels.Distinct().Select(l => $"'{l}'")) + " PEM blocks";
            throw new CertificateFileException(path, $"not a certificate file: it holds {found}, no {PemCertificateLabel}");
        }
        return result;
    }

    private static X509Certificate2 ReadDer(string path, byte[] bytes)
    {
        // A DER X.509 certificate is one ASN.1 SEQUENCE; anything else (text, PKCS#12, garbage) is rejected here
        // with a description, instead of the platform's generic "cannot find the requested object".
        if (bytes.Length < 2 || bytes[0] != 0x30)
        {
            throw new CertificateFileException(path, $"not a certificate file: neither PEM (no {PemCertificateLabel}) nor DER X.509 (starts with {Describe(bytes)})");
        }
        return ParseDer(path, bytes, "DER data");
    }

    private static X509Certificate2 ParseDer(string path, byte[] der, string what)
    {
        try
        {
            // The constructor would also open PKCS#12 and PKCS#7 blobs (both SEQUENCEs too): only a plain
            // certificate is accepted, so a .pfx never has its private key loaded by a diagnostic.
            var type = X509Certificate2.GetCertContentType(der);
            if (type != X509ContentType.Cert)
            {
                throw new CertificateFileException(path, $"not a certificate file: the {what} is {type} data, not one X.509 certificate; export the certificates as PEM");
            }
            var cert = new X509Certificate2(der);
            _ = cert.SubjectName;
            return cert;
        }
        catch (CryptographicException ex)
        {
            throw new CertificateFileException(path, $"not a certificate file: the {what} is not a valid X.509 certificate ({ex.Message.Trim()})");
        }
    }

    private static bool LooksLikeText(byte[] bytes)
    {
        var n = Math.Min(bytes.Length, 4096);
        for (var i = 0; i < n; i++)
        {
            var b = bytes[i];
            if (b == 0 || (b < 0x20 && b is not (byte)'\r' and not (byte)'\n' and not (byte)'\t')) return false;
        }
        return true;
    }

    private static string Describe(byte[] bytes)
    {
        var head = bytes.AsSpan(0, Math.Min(bytes.Length, 8)).ToArray();
        var printable = new string(head.Select(b => b is >= 0x20 and < 0x7f ? (char)b : '.').ToArray());
        return $"'{printable}' = 0x{Convert.ToHexString(head)}";
    }
}
