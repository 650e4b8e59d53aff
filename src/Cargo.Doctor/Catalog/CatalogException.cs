namespace Cargo.Doctor.Catalog;

/// <summary>The check catalog is malformed; the message names the file and the problem.</summary>
public sealed class CatalogException(string message) : Exception(message);
