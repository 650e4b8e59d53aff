namespace Cargo.Doctor.Files;

/// <summary>
/// An input the tool will not read (the message says why, without the path): over <see cref="BoundedRead.MaxBytes"/>, or not a regular file.
/// An <see cref="IOException"/>, so every reader's "cannot be read" path reports it in one line.
/// </summary>
public sealed class UnreadableInputException(string message) : IOException(message);
